namespace Junction.Runtime.Queue;

/// <summary>
/// Per-item exponential backoff: <c>baseDelay * 2^failures</c>, capped at <c>maxDelay</c>
/// (client-go <c>ItemExponentialFailureRateLimiter</c>).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ItemExponentialFailureRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<T, int> failures = [];
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan maxDelay;

    /// <summary>Creates the limiter.</summary>
    public ItemExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseDelay.Ticks, nameof(baseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        int exponent;
        lock (gate)
        {
            failures.TryGetValue(item, out exponent);
            failures[item] = exponent + 1;
        }
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (gate)
        {
            failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(item);
        }
    }
}
