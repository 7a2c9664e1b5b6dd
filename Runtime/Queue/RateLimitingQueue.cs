using Junction.Runtime.Metrics;

namespace Junction.Runtime.Queue;

/// <summary>
/// A <see cref="WorkQueue{T}"/> with delayed adds on <see cref="TimeProvider"/> timers and
/// rate-limited retries. A waiting item is kept once, at its earliest due time.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class RateLimitingQueue<T> : IRateLimitingQueue<T>
    where T : notnull
{
    private readonly Lock gate = new();
    private readonly WorkQueue<T> queue;
    private readonly IRateLimiter<T> rateLimiter;
    private readonly TimeProvider timeProvider;
    private readonly Dictionary<T, (DateTimeOffset DueAt, ITimer Timer)> waiting = [];

    /// <summary>Creates a queue named <paramref name="name"/> (the <c>name</c> label of its metrics).</summary>
    public RateLimitingQueue(string name, IRateLimiter<T> rateLimiter, TimeProvider timeProvider, MetricsRegistry metrics)
    {
        queue = new WorkQueue<T>(name, timeProvider, metrics);
        this.rateLimiter = rateLimiter;
        this.timeProvider = timeProvider;
    }

    /// <summary>The queue's name.</summary>
    public string Name => queue.Name;

    /// <inheritdoc />
    public int Len => queue.Len;

    /// <inheritdoc />
    public bool ShuttingDown => queue.ShuttingDown;

    /// <summary>The number of items waiting for their delay to pass.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Add(T item) => queue.Add(item);

    /// <inheritdoc />
    public void AddAfter(T item, TimeSpan delay)
    {
        if (queue.ShuttingDown)
        {
            return;
        }
        if (delay <= TimeSpan.Zero)
        {
            queue.Add(item);
            return;
        }
        var dueAt = timeProvider.GetUtcNow() + delay;
        lock (gate)
        {
            if (waiting.TryGetValue(item, out var existing))
            {
                if (existing.DueAt <= dueAt)
                {
                    return;
                }
                existing.Timer.Dispose();
            }
            var timer = timeProvider.CreateTimer(Fire, item, delay, Timeout.InfiniteTimeSpan);
            waiting[item] = (dueAt, timer);
        }
    }

    /// <inheritdoc />
    public void AddRateLimited(T item)
    {
        queue.CountRetry();
        AddAfter(item, rateLimiter.When(item));
    }

    /// <inheritdoc />
    public void Forget(T item) => rateLimiter.Forget(item);

    /// <inheritdoc />
    public int NumRequeues(T item) => rateLimiter.NumRequeues(item);

    /// <inheritdoc />
    public Task<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default) => queue.GetAsync(cancellationToken);

    /// <inheritdoc />
    public void Done(T item) => queue.Done(item);

    /// <inheritdoc />
    public void ShutDown()
    {
        queue.ShutDown();
        StopTimers();
    }

    /// <inheritdoc />
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        var drain = queue.ShutDownWithDrainAsync(cancellationToken);
        StopTimers();
        return drain;
    }

    private void Fire(object? state)
    {
        var item = (T)state!;
        lock (gate)
        {
            if (!waiting.Remove(item, out var entry))
            {
                return;
            }
            entry.Timer.Dispose();
        }
        queue.Add(item);
    }

    private void StopTimers()
    {
        lock (gate)
        {
            foreach (var (_, timer) in waiting.Values)
            {
                timer.Dispose();
            }
            waiting.Clear();
        }
    }
}
