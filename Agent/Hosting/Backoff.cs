namespace Junction.Agent.Hosting;

/// <summary>
/// Capped exponential backoff with jitter: the n-th consecutive failure waits a random time
/// between half and all of min(cap, initial·2ⁿ), so proxies that lost the operator together do not
/// come back together. The randomness is injected, so tests can pin it.
/// </summary>
internal sealed class Backoff
{
    private readonly Random random;
    private readonly TimeSpan initial;
    private readonly TimeSpan cap;
    private int failures;

    /// <summary>A backoff starting at <paramref name="initial"/> and never above <paramref name="cap"/>.</summary>
    public Backoff(Random random, TimeSpan initial, TimeSpan cap)
    {
        this.random = random;
        this.initial = initial;
        this.cap = cap;
    }

    /// <summary>Consecutive failures since the last success.</summary>
    public int Failures => failures;

    /// <summary>The wait after one more failure.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(failures, 30);
        failures++;
        var ceiling = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }

    /// <summary>Forgets the failures after a success.</summary>
    public void Reset() => failures = 0;
}
