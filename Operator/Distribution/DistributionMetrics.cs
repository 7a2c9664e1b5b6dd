using Junction.Runtime.Metrics;

namespace Junction.Distribution;

/// <summary>The proxy API's metrics, in the operator's registry.</summary>
internal sealed class DistributionMetrics
{
    /// <summary>Propagation buckets: 5 ms to about 80 s, doubling.</summary>
    public static readonly double[] PropagationBuckets = Histogram.ExponentialBuckets(0.005, 2, 15);

    /// <summary>Creates (or finds) the metrics in <paramref name="registry"/>.</summary>
    public DistributionMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Connected = registry.Gauge("junction_proxies_connected", "Proxy instances that reported within the staleness timeout.", "kind");
        Nacks = registry.Counter("junction_proxy_nacks_total", "Bundles a proxy instance refused to load (each refusal counted once).", "kind");
        ConfigRequests = registry.Counter("junction_proxy_config_requests_total", "Requests to the proxy API, by endpoint and HTTP status code.", "endpoint", "code");
        HeldPolls = registry.Gauge("junction_proxy_config_polls_held", "Config long-polls being held.");
        Propagation = registry.Histogram(
            "junction_policy_propagation_seconds",
            "From the first bundle that includes a policy generation to every live instance of its proxies running a bundle that includes it.",
            PropagationBuckets,
            "namespace",
            "policy");
    }

    /// <summary>Live instances per proxy kind.</summary>
    public Gauge Connected { get; }

    /// <summary>NACKs per proxy kind.</summary>
    public Counter Nacks { get; }

    /// <summary>Proxy API requests by endpoint and status code.</summary>
    public Counter ConfigRequests { get; }

    /// <summary>Long-polls held right now.</summary>
    public Gauge HeldPolls { get; }

    /// <summary>Per-policy propagation latency.</summary>
    public Histogram Propagation { get; }
}
