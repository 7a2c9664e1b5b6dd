namespace Junction.Mesh.Identity;

/// <summary>How Junction asks cert-manager for workload certificates.</summary>
internal sealed record CertManagerIssuerOptions
{
    /// <summary>The Issuer or ClusterIssuer that signs.</summary>
    public required CertManagerIssuerReference Issuer { get; init; }

    /// <summary>
    /// Where the CertificateRequests are created: the operator's own namespace, so Junction needs no
    /// write access in workload namespaces and namespace admins cannot tamper with a pending request.
    /// </summary>
    public required string Namespace { get; init; }

    /// <summary>How long one issuance may take, approval included, before it fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait between two reads of a pending request; it doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two reads of a pending request.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest lifetime a caller may ask for.</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromDays(7);
}
