namespace Junction.Mesh.Identity;

/// <summary>A workload certificate with the private key the CA generated for it (gateways, local runs, tests).</summary>
/// <param name="Certificate">The signed certificate.</param>
/// <param name="PrivateKeyPem">The PKCS#8 private key; written only to the proxy's identity file, never logged.</param>
internal sealed record IssuedKeyPair(IssuedCertificate Certificate, string PrivateKeyPem)
{
    /// <summary>The certificate followed by its key: the one-file form HAProxy's <c>crt</c> and <c>set ssl cert</c> take.</summary>
    public string HAProxyPem => Certificate.CertificatePem + PrivateKeyPem;

    /// <inheritdoc />
    public override string ToString() => $"IssuedKeyPair {{ Certificate = {Certificate}, PrivateKeyPem = <redacted> }}";
}
