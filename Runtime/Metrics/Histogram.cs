using System.Text;

namespace Junction.Runtime.Metrics;

/// <summary>Observations counted into cumulative buckets, with their sum and count, per label set.</summary>
public sealed class Histogram : MetricFamily
{
    private readonly double[] buckets;

    internal Histogram(string name, string help, IReadOnlyList<double> buckets, IReadOnlyList<string> labelNames)
        : base(name, help, "histogram", labelNames)
    {
        if (labelNames.Contains("le"))
        {
            throw new ArgumentException($"Histogram {name} cannot use the reserved label name le.", nameof(labelNames));
        }
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i] <= buckets[i - 1])
            {
                throw new ArgumentException($"Buckets of histogram {name} must be strictly increasing.", nameof(buckets));
            }
        }
        this.buckets = [.. buckets.Where(b => !double.IsPositiveInfinity(b))];
        if (labelNames.Count == 0)
        {
            WithLabels();
        }
    }

    /// <summary>The bucket upper bounds, without <c>+Inf</c>.</summary>
    public IReadOnlyList<double> Buckets => buckets;

    /// <summary>The series for these label values, in the order of the label names.</summary>
    public HistogramSeries WithLabels(params string[] labelValues) => GetSeries(labelValues, () => new HistogramSeries(buckets));

    /// <summary>Records an observation in the series without labels.</summary>
    public void Observe(double value) => WithLabels().Observe(value);

    /// <summary><paramref name="count"/> buckets starting at <paramref name="start"/>, each <paramref name="factor"/> times the last.</summary>
    public static double[] ExponentialBuckets(double start, double factor, int count)
    {
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = start * Math.Pow(factor, i);
        }
        return result;
    }

    private protected override void WriteSeries(StringBuilder text, LabelValues labels, object series)
    {
        var snapshot = ((HistogramSeries)series).Snapshot();
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += snapshot.Counts[i];
            WriteSample(text, "_bucket", labels, cumulative, "le", MetricsRegistry.FormatValue(buckets[i]));
        }
        WriteSample(text, "_bucket", labels, snapshot.Count, "le", "+Inf");
        WriteSample(text, "_sum", labels, snapshot.Sum);
        WriteSample(text, "_count", labels, snapshot.Count);
    }
}
