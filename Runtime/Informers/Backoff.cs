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
    private TimeSpan next;
    private long? lastFailure;

    public Backoff(TimeSpan initial, TimeSpan max, TimeSpan resetAfter, double jitter, TimeProvider timeProvider)
    {
        this.initial = initial;
        this.max = max;
        this.resetAfter = resetAfter;
        this.jitter = jitter;
        this.timeProvider = timeProvider;
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
        return jitter > 0 ? delay + (delay * (Random.Shared.NextDouble() * jitter)) : delay;
    }

    /// <summary>Starts over from the initial delay.</summary>
    public void Reset()
    {
        next = initial;
        lastFailure = null;
    }
}
