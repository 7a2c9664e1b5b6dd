namespace Junction.Mesh.Identity;

/// <summary>Where Junction's own CA comes from (its Secret, loaded or created on first use) and the bundle it publishes.</summary>
internal interface ICertificateAuthoritySource
{
    /// <summary>The CA in use, loading or creating it first when there is none yet.</summary>
    Task<CertificateAuthority> GetAsync(CancellationToken ct);

    /// <summary>What proxies must trust, PEM: the root and any extra roots; null before the CA is loaded.</summary>
    string? TrustBundlePem { get; }
}
