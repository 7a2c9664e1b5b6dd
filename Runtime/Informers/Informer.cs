using Junction.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Informers;

/// <summary>
/// A shared informer for one kind (client-go <c>SharedIndexInformer</c>): lists, then watches
/// from the list's resourceVersion with bookmarks, keeps a full-object cache with indexes, and
/// notifies handlers. A 410 Gone relists, and objects missing from the relist are delivered as
/// deletes (tombstones); any other failure watches again from the last seen resourceVersion
/// after a backoff (at least the server's Retry-After), and lists again after
/// <see cref="InformerOptions.FailuresBeforeRelist"/> failures in a row. An object that cannot be
/// decoded is skipped (a warning, a metric and the <see cref="InformerOptions.OnUndecodable"/>
/// callback) and is absent from the cache until it can be read again; every other key is served.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock delivery = new();
    private readonly List<IResourceEventHandler<T>> handlers = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IListerWatcher<T> source;
    private readonly InformerOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly InformerMetrics metrics;
    private readonly Backoff backoff;
    private static readonly TimeSpan VeryShortWatch = TimeSpan.FromSeconds(1);

    private string resourceVersion = "";
    private bool goneWithoutProgress;
    private int consecutiveFailures;

    /// <summary>Creates an informer over any lister-watcher.</summary>
    public Informer(string kind, IListerWatcher<T> source, InformerOptions options, TimeProvider timeProvider, MetricsRegistry metrics, ILogger logger)
    {
        Kind = kind;
        this.source = source;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.metrics = new InformerMetrics(options.MetricPrefix, kind, metrics);
        backoff = new Backoff(options.InitialBackoff, options.MaxBackoff, options.BackoffResetAfter, options.BackoffJitter, timeProvider);
    }

    /// <inheritdoc />
    public string Kind { get; }

    /// <summary>The cache: read objects and indexes here.</summary>
    public InformerCache<T> Cache { get; } = new();

    /// <inheritdoc />
    /// <remarks>
    /// False again while lists or watches keep failing (<see cref="InformerOptions.FailuresBeforeRelist"/>
    /// in a row), so that readiness reports a cache that has stopped following the server.
    /// </remarks>
    public bool HasSynced => synced.Task.IsCompleted && Volatile.Read(ref consecutiveFailures) < Math.Max(1, options.FailuresBeforeRelist);

    /// <inheritdoc />
    public Task Synced => synced.Task;

    /// <summary>The resourceVersion the next watch starts from: the last one seen in a list, event or bookmark.</summary>
    public string LastSyncResourceVersion
    {
        get
        {
            lock (delivery)
            {
                return resourceVersion;
            }
        }
    }

    /// <summary>
    /// Tells the cache of the caller's own write (the object the server returned), so that lookups by
    /// key see it before the watch delivers it (<see cref="InformerCache{T}.Assume"/>). The object goes
    /// through the informer's transform, like every object the cache keeps. A metadata-only informer
    /// ignores it, since the written object carries what its cache must never hold.
    /// </summary>
    public void Assume(T written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (!options.MetadataOnly)
        {
            Cache.Assume(Transformed(written));
        }
    }

    /// <summary>Adds a named index; may be called before or after the informer starts.</summary>
    public void AddIndexer(string name, Func<T, IEnumerable<string>> indexFunc) => Cache.AddIndexer(name, indexFunc);

    /// <summary>
    /// Registers a handler. A handler added after objects are cached first receives an add for
    /// each of them, like client-go's late-joining listeners.
    /// </summary>
    public void AddEventHandler(IResourceEventHandler<T> handler)
    {
        lock (delivery)
        {
            foreach (var obj in Cache.List())
            {
                Notify(handler, h => h.OnAdd(obj, true), obj);
            }
            handlers.Add(handler);
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resync = options.ResyncPeriod > TimeSpan.Zero ? ResyncLoopAsync(cancellationToken) : Task.CompletedTask;
        try
        {
            await ListAndWatchLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await resync.ConfigureAwait(false);
        }
    }

    private async Task ListAndWatchLoopAsync(CancellationToken cancellationToken)
    {
        var needList = true;
        var watches = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAndReplaceAsync(cancellationToken).ConfigureAwait(false);
                    needList = false;
                }
                if (watches++ > 0)
                {
                    metrics.WatchRestarts.Inc();
                }
                var started = timeProvider.GetTimestamp();
                var received = await WatchAsync(cancellationToken).ConfigureAwait(false);
                if (received == 0
                    && timeProvider.GetElapsedTime(started) < VeryShortWatch)
                {
                    // client-go treats an empty watch that ended within a second as a failure,
                    // so that a server closing every watch at once is not hammered.
                    throw new InvalidDataException($"Very short watch of {Kind}: closed without events after less than {VeryShortWatch.TotalSeconds:0}s.");
                }
                Volatile.Write(ref consecutiveFailures, 0);
                InformerLog.WatchClosed(logger, Kind, LastSyncResourceVersion);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiStatusException gone) when (gone.IsGone && !goneWithoutProgress)
            {
                // The resourceVersion fell out of the server's window: relist at once, unless the
                // watch after the last relist expired before delivering anything (then back off).
                InformerLog.WatchExpired(logger, Kind, LastSyncResourceVersion);
                goneWithoutProgress = true;
                needList = true;
            }
            catch (Exception error)
            {
                metrics.Failures.Inc();
                var failures = Interlocked.Increment(ref consecutiveFailures);
                needList |= error is ApiStatusException { IsGone: true };
                if (!needList && failures >= options.FailuresBeforeRelist)
                {
                    // Watching from the same resourceVersion keeps failing: start over from a fresh list.
                    InformerLog.Relisting(logger, Kind, failures);
                    needList = true;
                }
                await DelayAsync(error, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DelayAsync(Exception error, CancellationToken cancellationToken)
    {
        var delay = backoff.Next();
        if (error is ApiStatusException { RetryAfter: { } retryAfter } && retryAfter > delay)
        {
            delay = retryAfter;
        }
        InformerLog.Failed(logger, error, Kind, delay);
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ListAndReplaceAsync(CancellationToken cancellationToken)
    {
        var list = await source.ListAsync(cancellationToken).ConfigureAwait(false);
        metrics.Lists.Inc();
        if (synced.Task.IsCompleted)
        {
            metrics.Relists.Inc();
        }
        lock (delivery)
        {
            Replace(list.Items.Select(Transformed).ToList());
            resourceVersion = list.ResourceVersion;
        }
        foreach (var skipped in list.Undecodable ?? [])
        {
            Skipped(skipped.Object, skipped.Error);
        }
        Volatile.Write(ref consecutiveFailures, 0);
        backoff.Reset();
        InformerLog.Listed(logger, Kind, list.Items.Count, list.ResourceVersion);
        synced.TrySetResult();
    }

    private void Replace(IReadOnlyList<T> items)
    {
        var initial = !synced.Task.IsCompleted;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in items)
        {
            listed.Add(CacheKeys.For(obj));
            var old = Cache.Upsert(obj);
            if (old is null)
            {
                NotifyAll(h => h.OnAdd(obj, initial), obj);
            }
            else
            {
                NotifyAll(h => h.OnUpdate(old, obj), obj);
            }
        }
        Cache.ForgetAssumedExcept(listed);
        foreach (var key in Cache.Keys().Where(k => !listed.Contains(k)))
        {
            if (Cache.Remove(key) is { } gone)
            {
                NotifyAll(h => h.OnDelete(gone, true), gone);
            }
        }
        metrics.Objects.Set(Cache.Count);
    }

    /// <summary>Runs one watch until the server ends it; returns how many events arrived.</summary>
    private async Task<int> WatchAsync(CancellationToken cancellationToken)
    {
        var received = 0;
        await foreach (var watchEvent in source.WatchAsync(LastSyncResourceVersion, cancellationToken).ConfigureAwait(false))
        {
            received++;
            goneWithoutProgress = false;
            Volatile.Write(ref consecutiveFailures, 0);
            metrics.Events.Inc();
            lock (delivery)
            {
                if (watchEvent.DecodeError is not null)
                {
                    Forget(watchEvent.Object);
                }
                else
                {
                    Apply(watchEvent with { Object = Transformed(watchEvent.Object) });
                }
                if (watchEvent.Object.Metadata?.ResourceVersion is { Length: > 0 } version)
                {
                    resourceVersion = version;
                }
            }
            if (watchEvent.DecodeError is { } error)
            {
                Skipped(watchEvent.Object, error);
            }
        }
        return received;
    }

    private T Transformed(T obj) =>
        options.Transform is { } transform ? (T)transform(obj) : obj;

    /// <summary>An object that can no longer be read leaves the cache, as it would be missing from a relist.</summary>
    private void Forget(T obj)
    {
        if (Cache.Remove(CacheKeys.For(obj)) is { } gone)
        {
            NotifyAll(h => h.OnDelete(gone, false), gone);
        }
        metrics.Objects.Set(Cache.Count);
    }

    private void Skipped(T obj, string error)
    {
        var key = CacheKeys.For(obj);
        metrics.Undecodable.Inc();
        InformerLog.Undecodable(logger, Kind, key, obj.Metadata?.ResourceVersion ?? "", error);
        try
        {
            options.OnUndecodable?.Invoke(obj, error);
        }
        catch (Exception failure)
        {
            InformerLog.UndecodableCallbackFailed(logger, failure, Kind, key);
        }
    }

    private void Apply(WatchEvent<T> watchEvent)
    {
        var obj = watchEvent.Object;
        switch (watchEvent.Type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                var old = Cache.Upsert(obj);
                if (old is null)
                {
                    NotifyAll(h => h.OnAdd(obj, false), obj);
                }
                else
                {
                    NotifyAll(h => h.OnUpdate(old, obj), obj);
                }
                break;
            case WatchEventType.Deleted:
                Cache.Remove(CacheKeys.For(obj));
                NotifyAll(h => h.OnDelete(obj, false), obj);
                break;
            default:
                break;
        }
        metrics.Objects.Set(Cache.Count);
    }

    private async Task ResyncLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.ResyncPeriod, timeProvider, cancellationToken).ConfigureAwait(false);
                if (HasSynced)
                {
                    Resync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Re-delivers every cached object as an update of itself.</summary>
    internal void Resync()
    {
        lock (delivery)
        {
            var objects = Cache.List();
            foreach (var obj in objects)
            {
                NotifyAll(h => h.OnUpdate(obj, obj), obj);
            }
            InformerLog.Resynced(logger, Kind, objects.Count);
        }
    }

    private void NotifyAll(Action<IResourceEventHandler<T>> notify, T obj)
    {
        foreach (var handler in handlers)
        {
            Notify(handler, notify, obj);
        }
    }

    private void Notify(IResourceEventHandler<T> handler, Action<IResourceEventHandler<T>> notify, T obj)
    {
        try
        {
            notify(handler);
        }
        catch (Exception error)
        {
            InformerLog.HandlerFailed(logger, error, Kind, CacheKeys.For(obj));
        }
    }
}
