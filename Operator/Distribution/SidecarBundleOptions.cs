using Junction.Translation;

namespace Junction.Distribution;

/// <summary>How sidecar bundles are computed and how many are kept.</summary>
internal sealed record SidecarBundleOptions
{
    /// <summary>Operator-wide translation settings (cluster domain, DNS, ports).</summary>
    public TranslatorOptions Translator { get; init; } = TranslatorOptions.Default;

    /// <summary>The SPIFFE trust domain.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Distinct (ServiceAccount, pod labels) bundles held; past it unused ones are dropped, then requests refused.</summary>
    public int MaxBundles { get; init; } = 10_000;

    /// <summary>A bundle nobody asked for in this long is dropped (and recomputed if asked again).</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Changes of the inputs within this window are recomputed once.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(50);
}
