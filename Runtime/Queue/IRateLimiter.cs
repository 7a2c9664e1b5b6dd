namespace Junction.Runtime.Queue;

/// <summary>Decides how long an item waits before it is retried (client-go <c>workqueue.TypedRateLimiter</c>).</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IRateLimiter<in T>
{
    /// <summary>Records a retry of <paramref name="item"/> and returns how long it should wait.</summary>
    TimeSpan When(T item);

    /// <summary>Stops tracking <paramref name="item"/>: its next failure starts from the base delay again.</summary>
    void Forget(T item);

    /// <summary>How many times <paramref name="item"/> has been retried since it was last forgotten.</summary>
    int NumRequeues(T item);
}
