namespace Junction.Mesh.Identity;

/// <summary>A signed workload certificate, PEM encoded, and when it stops being valid.</summary>
/// <param name="Identity">Whom it names.</param>
/// <param name="CertificatePem">The leaf certificate.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity; the agent renews before it.</param>
internal sealed record IssuedCertificate(WorkloadIdentity Identity, string CertificatePem, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>When a renewal is due: after half the lifetime, as Istio and Linkerd do.</summary>
    public DateTimeOffset RenewAfter => NotBefore + ((NotAfter - NotBefore) / 2);
}
