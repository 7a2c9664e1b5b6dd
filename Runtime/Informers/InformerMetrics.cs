using Junction.Runtime.Metrics;

namespace Junction.Runtime.Informers;

/// <summary>An informer's own metrics, labelled by kind, named <c>&lt;prefix&gt;_lists_total</c> and so on.</summary>
internal sealed class InformerMetrics(string prefix, string kind, MetricsRegistry registry)
{
    public CounterSeries Lists { get; } = registry.Counter(prefix + "_lists_total", "Total number of full lists per informer kind", "kind").WithLabels(kind);

    public CounterSeries Relists { get; } = registry.Counter(prefix + "_relists_total", "Total number of lists after the first per informer kind (410 Gone or failures)", "kind").WithLabels(kind);

    public CounterSeries WatchRestarts { get; } = registry.Counter(prefix + "_watch_restarts_total", "Total number of watches started again after one ended, per informer kind", "kind").WithLabels(kind);

    public CounterSeries Failures { get; } = registry.Counter(prefix + "_failures_total", "Total number of failed lists and watches per informer kind", "kind").WithLabels(kind);

    public CounterSeries Events { get; } = registry.Counter(prefix + "_events_total", "Total number of watch events received per informer kind", "kind").WithLabels(kind);

    public CounterSeries Undecodable { get; } = registry.Counter(prefix + "_undecodable_objects_total", "Total number of listed or watched objects skipped because they could not be decoded, per informer kind", "kind").WithLabels(kind);

    public GaugeSeries Objects { get; } = registry.Gauge(prefix + "_objects", "Number of objects in the informer cache per kind", "kind").WithLabels(kind);
}
