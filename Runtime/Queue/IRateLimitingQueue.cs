namespace Junction.Runtime.Queue;

/// <summary>A work queue with delayed and rate-limited adds (client-go <c>TypedRateLimitingInterface</c>).</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IRateLimitingQueue<T> : IWorkQueue<T>
    where T : notnull
{
    /// <summary>Adds <paramref name="item"/> once <paramref name="delay"/> has passed; at once when it is zero or negative.</summary>
    void AddAfter(T item, TimeSpan delay);

    /// <summary>Adds <paramref name="item"/> after the delay the rate limiter assigns to it.</summary>
    void AddRateLimited(T item);

    /// <summary>Clears the rate limiter's memory of <paramref name="item"/>, typically after it was processed successfully.</summary>
    void Forget(T item);

    /// <summary>How many rate-limited retries <paramref name="item"/> had since it was last forgotten.</summary>
    int NumRequeues(T item);
}
