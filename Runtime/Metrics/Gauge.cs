using System.Text;

namespace Junction.Runtime.Metrics;

/// <summary>A value that goes up and down per label set.</summary>
public sealed class Gauge : MetricFamily
{
    internal Gauge(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, "gauge", labelNames)
    {
        if (labelNames.Count == 0)
        {
            WithLabels();
        }
    }

    /// <summary>The series for these label values, in the order of the label names.</summary>
    public GaugeSeries WithLabels(params string[] labelValues) => GetSeries(labelValues, () => new GaugeSeries());

    /// <summary>Sets the series without labels.</summary>
    public void Set(double value) => WithLabels().Set(value);

    private protected override void WriteSeries(StringBuilder text, LabelValues labels, object series) =>
        WriteSample(text, "", labels, ((GaugeSeries)series).Value);
}
