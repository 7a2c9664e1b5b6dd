namespace Junction.Runtime.Metrics;

/// <summary>One labelled series of a <see cref="Histogram"/>.</summary>
public sealed class HistogramSeries
{
    private readonly Lock gate = new();
    private readonly double[] bounds;
    private readonly long[] counts;
    private double sum;
    private long count;

    internal HistogramSeries(double[] bounds)
    {
        this.bounds = bounds;
        counts = new long[bounds.Length];
    }

    /// <summary>Records one observation.</summary>
    public void Observe(double value)
    {
        var index = Array.FindIndex(bounds, b => value <= b);
        lock (gate)
        {
            if (index >= 0)
            {
                counts[index]++;
            }
            sum += value;
            count++;
        }
    }

    /// <summary>The number of observations so far.</summary>
    public long Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    internal (long[] Counts, double Sum, long Count) Snapshot()
    {
        lock (gate)
        {
            return ([.. counts], sum, count);
        }
    }
}
