namespace Junction.Mesh.Identity;

/// <summary>Who signs workload identities (<c>--identity-issuer</c>).</summary>
internal enum IdentityIssuerKind
{
    /// <summary>Junction's own CA, kept in a Secret of the operator's namespace.</summary>
    Junction,

    /// <summary>A cert-manager Issuer or ClusterIssuer, through CertificateRequests.</summary>
    CertManager,
}
