using System.Text;

namespace Junction.Runtime.Metrics;

/// <summary>A monotonically increasing value per label set.</summary>
public sealed class Counter : MetricFamily
{
    internal Counter(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, "counter", labelNames)
    {
        if (labelNames.Count == 0)
        {
            WithLabels();
        }
    }

    /// <summary>The series for these label values, in the order of the label names.</summary>
    public CounterSeries WithLabels(params string[] labelValues) => GetSeries(labelValues, () => new CounterSeries());

    /// <summary>Adds <paramref name="amount"/> to the series without labels.</summary>
    public void Inc(double amount = 1) => WithLabels().Inc(amount);

    private protected override void WriteSeries(StringBuilder text, LabelValues labels, object series) =>
        WriteSample(text, "", labels, ((CounterSeries)series).Value);
}
