namespace Junction.Mesh.Identity;

/// <summary>
/// Junction's own CA as an issuer: the certificate names the authenticated identity, the CSR gives
/// only its key (a CSR that asks for another name is refused, see <see cref="CertificateAuthority.Sign(string, WorkloadIdentity, TimeSpan)"/>),
/// and the CA bundle is the one the trust-bundle ConfigMaps publish.
/// </summary>
internal sealed class JunctionCaIssuer(ICertificateAuthoritySource source) : IWorkloadCertificateIssuer
{
    /// <inheritdoc />
    public string Description => "junction";

    /// <inheritdoc />
    public async Task<IssuedWorkloadCertificate> IssueAsync(WorkloadIdentity identity, string csrPem, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(csrPem);
        var ca = await source.GetAsync(cancellationToken).ConfigureAwait(false);
        var issued = ca.Sign(csrPem, identity, lifetime);
        // Junction's root signs leaves directly: the chain is the leaf alone.
        var bundle = source.TrustBundlePem ?? ca.RootCertificatePem;
        return new IssuedWorkloadCertificate(identity, issued.CertificatePem, bundle, issued.NotBefore, issued.NotAfter);
    }
}
