namespace Junction.Runtime.Queue;

/// <summary>
/// An overall token bucket shared by all items (client-go <c>BucketRateLimiter</c> over
/// <c>golang.org/x/time/rate</c>): <c>burst</c> tokens, refilled at <c>qps</c> per second; each
/// retry reserves one token and waits until that reservation is covered.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly double qps;
    private readonly int burst;
    private double tokens;
    private long lastTimestamp;

    /// <summary>Creates a full bucket.</summary>
    public BucketRateLimiter(double qps, int burst, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.qps = qps;
        this.burst = burst;
        this.timeProvider = timeProvider;
        tokens = burst;
        lastTimestamp = timeProvider.GetTimestamp();
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        lock (gate)
        {
            var now = timeProvider.GetTimestamp();
            var elapsed = timeProvider.GetElapsedTime(lastTimestamp, now);
            lastTimestamp = now;
            tokens = Math.Min(burst, tokens + (elapsed.TotalSeconds * qps));
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / qps);
        }
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => 0;
}
