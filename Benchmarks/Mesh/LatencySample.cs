namespace Junction.Benchmarks.Mesh;

/// <summary>Latencies (µs) of one fixed-rate run, with its failures and the rate it achieved.</summary>
internal sealed class LatencySample
{
    private readonly double[] sorted;

    public LatencySample(double[] latencies, int errors, double achieved)
    {
        sorted = [.. latencies.Order()];
        Errors = errors;
        Achieved = achieved;
    }

    public int Count => sorted.Length;

    public int Errors { get; }

    /// <summary>Requests per second actually sent and answered.</summary>
    public double Achieved { get; }

    /// <summary>The <paramref name="percent"/>th percentile (nearest rank), in µs.</summary>
    public double P(double percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
