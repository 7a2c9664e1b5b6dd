namespace Junction.Runtime.Queue;

/// <summary>
/// A deduplicating work queue with client-go <c>workqueue</c> semantics: an item queued twice
/// is handed out once, and an item is never handed to two workers at the same time; an item
/// added while it is being processed is handed out again after <see cref="Done"/>.
/// </summary>
/// <typeparam name="T">The item type; equality decides what is a duplicate.</typeparam>
public interface IWorkQueue<T>
    where T : notnull
{
    /// <summary>Queues <paramref name="item"/> unless it is already queued; ignored after shutdown.</summary>
    void Add(T item);

    /// <summary>The number of items waiting to be handed out.</summary>
    int Len { get; }

    /// <summary>
    /// Waits for the next item. Returns <c>Shutdown = true</c> once the queue is shut down and empty.
    /// Every item returned must be passed to <see cref="Done"/>.
    /// </summary>
    Task<(T Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the end of processing of <paramref name="item"/>.</summary>
    void Done(T item);

    /// <summary>Stops accepting items and wakes every waiting <see cref="GetAsync"/>.</summary>
    void ShutDown();

    /// <summary>Like <see cref="ShutDown"/>, then waits until every item being processed is <see cref="Done"/>.</summary>
    Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    bool ShuttingDown { get; }
}
