namespace Junction.Mesh.Identity;

/// <summary>The trust bundle the per-namespace ConfigMaps publish, when it does not come from Junction's own CA.</summary>
internal interface ITrustBundleSource
{
    /// <summary>Where the bundle comes from, for logs and messages.</summary>
    string Description { get; }

    /// <summary>The bundle, PEM; null while it is not known yet (nothing is published until it is).</summary>
    Task<string?> GetTrustBundleAsync(CancellationToken ct);

    /// <summary>Raised when the bundle changed, so every published copy is refreshed.</summary>
    event Action? Changed;
}
