using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Junction.Runtime.Metrics;

/// <summary>A named metric with a fixed set of label names and one series per label-value tuple.</summary>
public abstract partial class MetricFamily
{
    private readonly ConcurrentDictionary<LabelValues, object> series = new();

    private protected MetricFamily(string name, string help, string type, IReadOnlyList<string> labelNames)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"Metric name {name} is not a valid Prometheus metric name.", nameof(name));
        }
        foreach (var label in labelNames)
        {
            if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Label name {label} of metric {name} is not a valid Prometheus label name.", nameof(labelNames));
            }
        }
        Name = name;
        Help = help;
        Type = type;
        LabelNames = [.. labelNames];
    }

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary>The TYPE: counter, gauge or histogram.</summary>
    public string Type { get; }

    /// <summary>The label names, in order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    private protected TSeries GetSeries<TSeries>(string[] labelValues, Func<TSeries> create)
        where TSeries : class
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException(
                $"Metric {Name} takes {LabelNames.Count} label values ({string.Join(", ", LabelNames)}), got {labelValues.Length}.",
                nameof(labelValues));
        }
        return (TSeries)series.GetOrAdd(new LabelValues(labelValues), _ => create());
    }

    internal void WriteSamples(StringBuilder text)
    {
        foreach (var (labels, value) in series.OrderBy(s => s.Key))
        {
            WriteSeries(text, labels, value);
        }
    }

    private protected abstract void WriteSeries(StringBuilder text, LabelValues labels, object series);

    private protected void WriteSample(StringBuilder text, string suffix, LabelValues labels, double value, string? extraLabel = null, string? extraValue = null)
    {
        text.Append(Name).Append(suffix);
        var hasLabels = LabelNames.Count > 0 || extraLabel is not null;
        if (hasLabels)
        {
            text.Append('{');
            for (var i = 0; i < LabelNames.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                text.Append(LabelNames[i]).Append("=\"").Append(MetricsRegistry.EscapeLabelValue(labels.Values[i])).Append('"');
            }
            if (extraLabel is not null)
            {
                if (LabelNames.Count > 0)
                {
                    text.Append(',');
                }
                text.Append(extraLabel).Append("=\"").Append(extraValue).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(MetricsRegistry.FormatValue(value)).Append('\n');
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
