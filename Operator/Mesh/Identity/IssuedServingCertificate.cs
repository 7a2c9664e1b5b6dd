namespace Junction.Mesh.Identity;

/// <summary>A TLS server certificate of one of the operator's endpoints, with its key, PEM encoded.</summary>
/// <param name="CertificatePem">The leaf certificate.</param>
/// <param name="PrivateKeyPem">The PKCS#8 private key; kept in memory only, never logged.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
internal sealed record IssuedServingCertificate(string CertificatePem, string PrivateKeyPem, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>When a renewal is due: after half the lifetime.</summary>
    public DateTimeOffset RenewAfter => NotBefore + ((NotAfter - NotBefore) / 2);

    /// <inheritdoc />
    public override string ToString() => $"IssuedServingCertificate {{ NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O}, PrivateKeyPem = <redacted> }}";
}
