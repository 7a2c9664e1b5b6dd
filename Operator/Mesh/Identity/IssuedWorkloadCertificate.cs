namespace Junction.Mesh.Identity;

/// <summary>What an issuer returns: the leaf and its chain, the CA bundle peers verify it with, and its validity.</summary>
/// <param name="Identity">Whom the certificate names.</param>
/// <param name="CertificateChainPem">The leaf first, then any intermediates, PEM.</param>
/// <param name="CaBundlePem">The trust anchors of the issuer, PEM: what goes into <c>ca.pem</c>.</param>
/// <param name="NotBefore">Start of the leaf's validity.</param>
/// <param name="NotAfter">End of the leaf's validity; the agent renews before it.</param>
internal sealed record IssuedWorkloadCertificate(WorkloadIdentity Identity, string CertificateChainPem, string CaBundlePem, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>When a renewal is due: after half the lifetime, as Istio and Linkerd do.</summary>
    public DateTimeOffset RenewAfter => NotBefore + ((NotAfter - NotBefore) / 2);
}
