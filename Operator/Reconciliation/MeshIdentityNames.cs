namespace Junction.Reconciliation;

/// <summary>The names of the objects that carry Junction's CA and its trust bundle.</summary>
internal static class MeshIdentityNames
{
    /// <summary>The Secret, in Junction's own namespace, that holds the CA's root certificate and key.</summary>
    public const string CaSecret = "junction-ca";

    /// <summary>The root certificate's key in the CA Secret (PEM).</summary>
    public const string CaCertificateKey = "ca.crt";

    /// <summary>The root private key's key in the CA Secret (PKCS#8 PEM).</summary>
    public const string CaPrivateKeyKey = "ca.key";

    /// <summary>
    /// Optional key of the CA Secret: more roots (PEM) every proxy trusts besides the CA's own, for a
    /// CA rotation: the old root stays trusted while leaves are re-issued by the new one.
    /// </summary>
    public const string CaExtraTrustKey = "trust.crt";

    /// <summary>The ConfigMap, in every meshed namespace, that holds the trust bundle.</summary>
    public const string TrustBundle = "junction-trust-bundle";

    /// <summary>The trust bundle's key in that ConfigMap (PEM, one or more CA certificates).</summary>
    public const string TrustBundleKey = "ca.pem";

    /// <summary>The namespace label that opts a namespace into sidecar injection, and therefore into the trust bundle.</summary>
    public const string InjectLabel = "traffic.junction.dev/inject";

    /// <summary>The value of <see cref="InjectLabel"/> that opts in.</summary>
    public const string InjectEnabled = "enabled";

    /// <summary>The component label that marks the CA Secret and trust-bundle ConfigMaps as Junction's.</summary>
    public const string ComponentLabel = "app.kubernetes.io/component";

    /// <summary>The component value of the trust bundle ConfigMaps.</summary>
    public const string TrustBundleComponent = "trust-bundle";

    /// <summary>The component value of the CA Secret.</summary>
    public const string CaComponent = "certificate-authority";
}
