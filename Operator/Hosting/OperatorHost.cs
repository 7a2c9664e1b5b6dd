using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using Junction.Translation;
using k8s;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>
/// The operator process: informers, the TrafficPolicy controller, leader election, metrics and
/// health endpoints. <see cref="RunAsync"/> returns once everything has stopped.
/// </summary>
internal sealed class OperatorHost
{
    private readonly OperatorOptions options;
    private readonly Kubernetes client;
    private readonly ILoggerFactory loggers;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the host; nothing runs until <see cref="RunAsync"/>.</summary>
    public OperatorHost(OperatorOptions options, Kubernetes client, ILoggerFactory loggers, TimeProvider time)
    {
        this.options = options;
        this.client = client;
        this.loggers = loggers;
        this.time = time;
        logger = loggers.CreateLogger<OperatorHost>();
        Informers = new OperatorInformers(client, options, time, Metrics, loggers);
    }

    /// <summary>The metrics every part of the operator records into.</summary>
    public MetricsRegistry Metrics { get; } = new();

    /// <summary>The informers and their caches.</summary>
    public OperatorInformers Informers { get; }

    /// <summary>Completes when every cache has synced.</summary>
    public Task CachesSynced => synced.Task;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then finishes in-flight reconciles and stops.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var conflicts = new ConflictRegistry();
        var reconciler = new TrafficPolicyReconciler(
            Informers, client, Events(), conflicts, TranslatorOptions(), time, loggers.CreateLogger<TrafficPolicyReconciler>());
        var controller = new Controller(
            reconciler,
            new ControllerOptions { Name = "trafficpolicy", MaxConcurrentReconciles = options.Workers, ShutdownTimeout = options.ShutdownTimeout },
            time,
            Metrics,
            loggers.CreateLogger<Controller>());
        PolicyTriggers.Wire(Informers, conflicts, controller.Enqueue);

        using var informerStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var informers = Informers.RunAsync(informerStop.Token);
        try
        {
            if (!await SharedInformers.WaitForCacheSync(stoppingToken, Informers.All).ConfigureAwait(false))
            {
                return;
            }

            HostLog.CachesSynced(logger, Informers.Policies.Cache.Count);
            synced.TrySetResult();
            await RunControllerAsync(controller, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await informerStop.CancelAsync().ConfigureAwait(false);
            await informers.ConfigureAwait(false);
            HostLog.Stopped(logger);
        }
    }

    private Task RunControllerAsync(Controller controller, CancellationToken stoppingToken) =>
        controller.RunAsync(stoppingToken);

    private IPolicyEvents Events() => new DirectPolicyEvents(client, time, logger);

    private TranslatorOptions TranslatorOptions() =>
        options.ProxyImage is { Length: > 0 } image
            ? Translation.TranslatorOptions.Default with { ProxyImage = image }
            : Translation.TranslatorOptions.Default;
}
