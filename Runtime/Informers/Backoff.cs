namespace Junction.Runtime.Informers;

/// <summary>
/// Exponential backoff with jitter that starts over after a quiet period
/// (client-go's reflector backoff manager).
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan initial;
    private readonly TimeSpan max;
    private readonly TimeSpan resetAfter;
    private readonly double jitter;
    private readonly TimeProvider timeProvider;
    private readonly Func<double> random;
    private TimeSpan next;
    private long? lastFailure;

    /// <param name="initial">The first delay.</param>
    /// <param name="max">The longest delay.</param>
    /// <param name="resetAfter">A quiet period after which the next failure starts over from <paramref name="initial"/>.</param>
    /// <param name="jitter">Up to this fraction of the delay is added at random.</param>
    /// <param name="timeProvider">The clock that measures the quiet period.</param>
    /// <param name="random">Returns a value in [0, 1) for the jitter; <see cref="Random.Shared"/> when null, so tests can fix it.</param>
    public Backoff(TimeSpan initial, TimeSpan max, TimeSpan resetAfter, double jitter, TimeProvider timeProvider, Func<double>? random = null)
    {
        this.initial = initial;
        this.max = max;
        this.resetAfter = resetAfter;
        this.jitter = jitter;
        this.timeProvider = timeProvider;
        this.random = random ?? Random.Shared.NextDouble;
        next = initial;
    }

    /// <summary>The delay before the next attempt; doubles on every call until it reaches the maximum.</summary>
    public TimeSpan Next()
    {
        var now = timeProvider.GetTimestamp();
        if (lastFailure is { } last && timeProvider.GetElapsedTime(last, now) > resetAfter)
        {
            next = initial;
        }
        lastFailure = now;
        var delay = next;
        next = TimeSpan.FromTicks(Math.Min(max.Ticks, next.Ticks * 2));
        return jitter > 0 ? delay + (delay * (random() * jitter)) : delay;
    }

    /// <summary>Starts over from the initial delay.</summary>
    public void Reset()
    {
        next = initial;
        lastFailure = null;
    }
}
