namespace Junction.Runtime.Queue;

/// <summary>Ready-made rate limiters.</summary>
public static class RateLimiters
{
    /// <summary>Per-item backoff starts here.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Per-item backoff never exceeds this.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    /// <summary>
    /// client-go's <c>DefaultControllerRateLimiter</c>: the maximum of a per-item exponential
    /// backoff (5 ms to 1000 s) and an overall 10 qps token bucket with a burst of 100.
    /// </summary>
    public static IRateLimiter<T> DefaultController<T>(TimeProvider timeProvider)
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(DefaultBaseDelay, DefaultMaxDelay),
            new BucketRateLimiter<T>(10, 100, timeProvider));
}
