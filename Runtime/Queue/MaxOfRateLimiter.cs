namespace Junction.Runtime.Queue;

/// <summary>The longest delay of several limiters (client-go <c>MaxOfRateLimiter</c>).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class MaxOfRateLimiter<T> : IRateLimiter<T>
{
    private readonly IRateLimiter<T>[] limiters;

    /// <summary>Combines <paramref name="limiters"/>; every one sees every call.</summary>
    public MaxOfRateLimiter(params IRateLimiter<T>[] limiters)
    {
        if (limiters.Length == 0)
        {
            throw new ArgumentException("At least one rate limiter is required.", nameof(limiters));
        }
        this.limiters = limiters;
    }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in limiters)
        {
            var delay = limiter.When(item);
            if (delay > longest)
            {
                longest = delay;
            }
        }
        return longest;
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    /// <inheritdoc />
    public int NumRequeues(T item) => limiters.Max(l => l.NumRequeues(item));
}
