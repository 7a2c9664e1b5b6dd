namespace Junction.Mesh.Identity;

/// <summary>How Junction's own CA names itself and how long what it signs lives.</summary>
internal sealed record CertificateAuthorityOptions
{
    /// <summary>The trust domain of every identity the CA signs.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Lifetime of a workload (leaf) certificate; short, because the agent renews it.</summary>
    public TimeSpan LeafLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest leaf lifetime a caller may ask for; a workload identity is meant to be short-lived.</summary>
    public TimeSpan MaxLeafLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Lifetime of the root the CA creates on first start.</summary>
    public TimeSpan RootLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>
    /// How far before "now" a certificate's validity starts, so a peer whose clock runs a little
    /// behind does not refuse a certificate that was just issued.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
