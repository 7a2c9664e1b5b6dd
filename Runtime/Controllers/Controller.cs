using Junction.Runtime.Metrics;
using Junction.Runtime.Queue;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Controllers;

/// <summary>
/// Runs N workers that take requests from a rate-limited queue and call the reconciler,
/// with controller-runtime's result handling: an exception retries with backoff,
/// <c>RequeueAfter</c> re-adds after the delay, success forgets.
/// </summary>
public sealed class Controller
{
    private readonly IReconciler reconciler;
    private readonly ControllerOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly ControllerMetrics metrics;
    private readonly RateLimitingQueue<ReconcileRequest> queue;

    /// <summary>Creates a controller; nothing runs until <see cref="RunAsync"/>.</summary>
    public Controller(IReconciler reconciler, ControllerOptions options, TimeProvider timeProvider, MetricsRegistry metrics, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcurrentReconciles);
        this.reconciler = reconciler;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.metrics = new ControllerMetrics(options.Name, metrics);
        queue = new RateLimitingQueue<ReconcileRequest>(
            options.Name,
            options.RateLimiter ?? RateLimiters.DefaultController<ReconcileRequest>(timeProvider),
            timeProvider,
            metrics);
    }

    /// <summary>The controller's name.</summary>
    public string Name => options.Name;

    /// <summary>The controller's queue; event handlers add requests here.</summary>
    public IRateLimitingQueue<ReconcileRequest> Queue => queue;

    /// <summary>Queues a reconcile of <c>namespace/name</c>.</summary>
    public void Enqueue(string @namespace, string name) => queue.Add(new ReconcileRequest(@namespace, name));

    /// <summary>Queues a reconcile for a cache key, <c>namespace/name</c>.</summary>
    public void Enqueue(string key) => queue.Add(ReconcileRequest.FromKey(key));

    /// <summary>
    /// Runs the workers until <paramref name="stoppingToken"/> is cancelled, then stops taking
    /// requests, waits up to <see cref="ControllerOptions.ShutdownTimeout"/> for in-flight
    /// reconciles and cancels whatever is still running. Returns when every worker has stopped.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var reconcileCancel = new CancellationTokenSource();
        metrics.MaxConcurrent.Set(options.MaxConcurrentReconciles);
        ControllerLog.StartingWorkers(logger, Name, options.MaxConcurrentReconciles);
        var workers = Enumerable.Range(0, options.MaxConcurrentReconciles)
            .Select(_ => Task.Run(() => WorkerAsync(stoppingToken, reconcileCancel.Token), CancellationToken.None))
            .ToArray();
        var all = Task.WhenAll(workers);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        ControllerLog.StoppingWorkers(logger, Name);
        queue.ShutDown();
        try
        {
            await all.WaitAsync(options.ShutdownTimeout, timeProvider, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ControllerLog.ShutdownTimedOut(logger, Name, options.ShutdownTimeout);
            await reconcileCancel.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
        ControllerLog.WorkersFinished(logger, Name);
    }

    private async Task WorkerAsync(CancellationToken stoppingToken, CancellationToken reconcileToken)
    {
        while (true)
        {
            var (request, shutdown) = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutdown)
            {
                return;
            }
            try
            {
                // Requests still queued at shutdown are dropped: the next leader lists everything again.
                if (!stoppingToken.IsCancellationRequested)
                {
                    await ReconcileOneAsync(request, reconcileToken).ConfigureAwait(false);
                }
            }
            finally
            {
                queue.Done(request);
            }
        }
    }

    private async Task ReconcileOneAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        metrics.ActiveWorkers.Inc();
        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await reconciler.ReconcileAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.RequeueAfter > TimeSpan.Zero)
            {
                queue.Forget(request);
                queue.AddAfter(request, result.RequeueAfter);
                Count(request, "requeue_after");
            }
            else
            {
                queue.Forget(request);
                Count(request, "success");
            }
        }
        catch (Exception error)
        {
            queue.AddRateLimited(request);
            metrics.Errors.Inc();
            Count(request, "error");
            ControllerLog.ReconcileFailed(logger, error, Name, request);
        }
        finally
        {
            metrics.ReconcileTime.Observe(timeProvider.GetElapsedTime(started).TotalSeconds);
            metrics.ActiveWorkers.Dec();
        }
    }

    private void Count(ReconcileRequest request, string result)
    {
        metrics.Counted(result);
        ControllerLog.Reconciled(logger, Name, request, result);
    }
}
