namespace Junction.Mesh.Identity;

/// <summary>
/// Signs workload certificates for identities the caller has already authenticated (a reviewed
/// ServiceAccount token). The identity always comes from <c>identity</c>, never from the request's
/// subject: a CSR contributes its public key and proves possession of the private key, nothing more.
/// Implementations: <see cref="JunctionCaIssuer"/> (Junction's own CA) and <see cref="CertManagerIssuer"/>
/// (a cert-manager Issuer or ClusterIssuer).
/// </summary>
internal interface IWorkloadCertificateIssuer
{
    /// <summary>Which issuer this is, for logs and errors: <c>junction</c> or <c>cert-manager ClusterIssuer/mesh-ca</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Issues a certificate naming <paramref name="identity"/> for the key of <paramref name="csrPem"/>
    /// (PEM PKCS#10, signed by that key), valid for <paramref name="lifetime"/> or less.
    /// </summary>
    /// <exception cref="SigningRefusedException">The CSR is malformed, badly signed, weak, or asks for another identity.</exception>
    /// <exception cref="CertificateIssuanceException">The issuer refused, failed, or did not answer in time.</exception>
    Task<IssuedWorkloadCertificate> IssueAsync(WorkloadIdentity identity, string csrPem, TimeSpan lifetime, CancellationToken cancellationToken);
}
