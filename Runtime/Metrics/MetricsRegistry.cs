using System.Globalization;
using System.Text;

namespace Junction.Runtime.Metrics;

/// <summary>
/// A small, thread-safe Prometheus registry: counters, gauges and histograms with labels,
/// rendered in the text exposition format (version 0.0.4).
/// </summary>
public sealed class MetricsRegistry
{
    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Lock gate = new();
    private readonly List<MetricFamily> families = [];
    private readonly List<Action> collectors = [];

    /// <summary>Returns the counter named <paramref name="name"/>, creating it on first use.</summary>
    public Counter Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Counter(name, help, labelNames));

    /// <summary>Returns the gauge named <paramref name="name"/>, creating it on first use.</summary>
    public Gauge Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Gauge(name, help, labelNames));

    /// <summary>Returns the histogram named <paramref name="name"/>, creating it on first use.</summary>
    /// <param name="name">The metric name, without the <c>_bucket</c>/<c>_sum</c>/<c>_count</c> suffixes.</param>
    /// <param name="help">The HELP text.</param>
    /// <param name="buckets">Upper bounds, strictly increasing; <c>+Inf</c> is implied.</param>
    /// <param name="labelNames">Label names; <c>le</c> is reserved.</param>
    public Histogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames) =>
        GetOrAdd(name, () => new Histogram(name, help, buckets, labelNames));

    /// <summary>
    /// Registers a callback run before every <see cref="Render"/>, for values that are
    /// computed on scrape (durations of work still in progress, for example).
    /// </summary>
    public void OnCollect(Action collect)
    {
        lock (gate)
        {
            collectors.Add(collect);
        }
    }

    /// <summary>Renders every metric in the Prometheus text exposition format.</summary>
    public string Render()
    {
        MetricFamily[] snapshot;
        Action[] callbacks;
        lock (gate)
        {
            snapshot = [.. families];
            callbacks = [.. collectors];
        }
        foreach (var collect in callbacks)
        {
            collect();
        }
        var text = new StringBuilder();
        foreach (var family in snapshot.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            family.WriteSamples(text);
        }
        return text.ToString();
    }

    private T GetOrAdd<T>(string name, Func<T> create)
        where T : MetricFamily
    {
        lock (gate)
        {
            var existing = families.Find(f => f.Name == name);
            if (existing is null)
            {
                var created = create();
                families.Add(created);
                return created;
            }
            return existing as T
                ?? throw new InvalidOperationException($"Metric {name} is already registered as a {existing.Type}.");
        }
    }

    internal static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
