using Junction.Runtime.Metrics;

namespace Junction.Runtime.Queue;

/// <summary>The basic work queue: FIFO with dirty and processing sets (client-go <c>workqueue.Typed</c>).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class WorkQueue<T> : IWorkQueue<T>
    where T : notnull
{
    private readonly Lock gate = new();
    private readonly Queue<T> queue = new();
    private readonly HashSet<T> dirty = [];
    private readonly HashSet<T> processing = [];
    private readonly WorkQueueMetrics<T> metrics;
    private TaskCompletionSource wakeUp = NewSignal();
    private TaskCompletionSource? drained;
    private bool shuttingDown;

    /// <summary>Creates a queue whose metrics carry <c>name</c>.</summary>
    public WorkQueue(string name, TimeProvider timeProvider, MetricsRegistry metrics)
    {
        Name = name;
        this.metrics = new WorkQueueMetrics<T>(name, timeProvider, metrics);
    }

    /// <summary>The queue's name, the <c>name</c> label of its metrics.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int Len
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <inheritdoc />
    public bool ShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <inheritdoc />
    public void Add(T item)
    {
        TaskCompletionSource? toWake = null;
        lock (gate)
        {
            if (shuttingDown || !dirty.Add(item))
            {
                return;
            }
            metrics.Added(item);
            if (processing.Contains(item))
            {
                return;
            }
            queue.Enqueue(item);
            metrics.DepthChanged(queue.Count);
            toWake = SwapSignal();
        }
        toWake.TrySetResult();
    }

    /// <inheritdoc />
    public async Task<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (queue.TryDequeue(out var item))
                {
                    metrics.DepthChanged(queue.Count);
                    metrics.Started(item);
                    processing.Add(item);
                    dirty.Remove(item);
                    return (item, false);
                }
                if (shuttingDown)
                {
                    return (default!, true);
                }
                signal = wakeUp.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Done(T item)
    {
        TaskCompletionSource? toWake = null;
        TaskCompletionSource? toDrain = null;
        lock (gate)
        {
            if (!processing.Remove(item))
            {
                return;
            }
            metrics.Finished(item);
            if (dirty.Contains(item))
            {
                queue.Enqueue(item);
                metrics.DepthChanged(queue.Count);
                toWake = SwapSignal();
            }
            else if (processing.Count == 0)
            {
                toDrain = drained;
            }
        }
        toWake?.TrySetResult();
        toDrain?.TrySetResult();
    }

    internal void CountRetry() => metrics.Retried();

    /// <inheritdoc />
    public void ShutDown()
    {
        TaskCompletionSource toWake;
        lock (gate)
        {
            shuttingDown = true;
            toWake = SwapSignal();
        }
        toWake.TrySetResult();
    }

    /// <inheritdoc />
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        Task wait;
        lock (gate)
        {
            if (processing.Count == 0)
            {
                wait = Task.CompletedTask;
            }
            else
            {
                drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = drained.Task;
            }
        }
        ShutDown();
        return wait.WaitAsync(cancellationToken);
    }

    // Every waiter awaits the current signal; completing it wakes them all and each re-checks
    // the queue under the lock. A broadcast cannot lose a wake-up to a cancelled waiter.
    private TaskCompletionSource SwapSignal()
    {
        var previous = wakeUp;
        wakeUp = NewSignal();
        return previous;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
