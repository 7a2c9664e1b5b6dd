namespace Junction.Distribution;

/// <summary>How long proxy reports count and how many are kept.</summary>
internal sealed record ProxyRegistryOptions
{
    /// <summary>An instance silent for longer is "unknown" (the agent reports at least every 30 s).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>A silent instance is forgotten after this long (its pod is gone, most likely).</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often instances are checked for having gone silent, which raises <see cref="IProxyReports.Changed"/>.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Instances remembered per proxy; past it the one heard from least recently is forgotten.</summary>
    public int MaxInstancesPerProxy { get; init; } = 4096;

    /// <summary>The defaults.</summary>
    public static ProxyRegistryOptions Default { get; } = new();
}
