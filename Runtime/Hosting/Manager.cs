using Junction.Runtime.Controllers;
using Junction.Runtime.Informers;
using Junction.Runtime.Leader;
using Junction.Runtime.Metrics;
using k8s;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Hosting;

/// <summary>
/// Runs the operator like controller-runtime's manager: endpoints and informers on every
/// replica, controllers only on the leader once every cache has synced. On stop the
/// controllers take no new requests and finish in-flight reconciles (bounded by their
/// shutdown timeout), then the Lease is released, then informers and endpoints stop.
/// </summary>
/// <remarks>
/// Readiness: a replica is ready once its caches have synced, leader or not (as in
/// kubebuilder), so a rolling update is not blocked by the old leader; the body of
/// <c>/readyz</c> and <c>leader_election_master_status</c> say whether it leads. It is not
/// ready while it can never lead: the Lease cannot be read or created (RBAC, missing namespace).
/// </remarks>
public sealed class Manager
{
    private readonly List<IInformer> informers = [];
    private readonly List<Controller> controllers = [];
    private readonly ManagerOptions options;
    private readonly IKubernetes client;
    private readonly TimeProvider timeProvider;
    private readonly MetricsRegistry metrics;
    private readonly ILoggerFactory loggerFactory;
    private readonly Func<double>? random;
    private readonly ILogger logger;
    private LeaderElector? elector;

    /// <summary>Creates a manager; <paramref name="client"/> is used for leader election.</summary>
    /// <param name="options">Endpoints and leader election.</param>
    /// <param name="client">The API the Lease lives in.</param>
    /// <param name="timeProvider">The clock of leader election.</param>
    /// <param name="metrics">The registry the endpoints serve.</param>
    /// <param name="loggerFactory">Creates the loggers of the manager and its elector.</param>
    /// <param name="random">The leader elector's jitter source, a value in [0, 1); <see cref="Random.Shared"/> when null.</param>
    public Manager(ManagerOptions options, IKubernetes client, TimeProvider timeProvider, MetricsRegistry metrics, ILoggerFactory loggerFactory, Func<double>? random = null)
    {
        this.options = options;
        this.client = client;
        this.timeProvider = timeProvider;
        this.metrics = metrics;
        this.loggerFactory = loggerFactory;
        this.random = random;
        logger = loggerFactory.CreateLogger<Manager>();
        Endpoints = new OperatorEndpoints(options.Endpoints, metrics, Readiness);
    }

    /// <summary>The HTTP endpoints; their bound addresses are known once <see cref="RunAsync"/> has started them.</summary>
    public OperatorEndpoints Endpoints { get; }

    /// <summary>Whether this replica runs the controllers now: it leads, or leader election is off.</summary>
    public bool IsLeader => options.LeaderElection is null || (elector?.IsLeader ?? false);

    /// <summary>Adds an informer; it runs on every replica.</summary>
    public void AddInformer(IInformer informer) => informers.Add(informer);

    /// <summary>Adds a controller; it runs on the leader only.</summary>
    public void AddController(Controller controller) => controllers.Add(controller);

    /// <summary>The <c>/readyz</c> verdict: every cache synced; leadership is reported, not required.</summary>
    public HealthReport Readiness()
    {
        var checks = informers
            .Select(i => ($"informer-{i.Kind}", i.HasSynced, i.HasSynced ? "synced" : "not synced"))
            .ToList();
        if (options.LeaderElection is { } election)
        {
            // A follower is ready (it takes over when the leader goes); a replica that can never lead is not.
            var blocked = elector?.CannotLeadReason;
            var detail = elector?.IsLeader == true
                ? $"leading as {election.Identity}"
                : blocked is not null
                    ? $"cannot become leader identity={election.Identity}: {blocked}"
                    : $"following leader={elector?.CurrentLeader ?? "unknown"} identity={election.Identity}";
            checks.Add(("leader-election", blocked is null, detail));
        }
        return new HealthReport(checks.All(c => c.Item2), checks);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="LeaderElectionLostException">The Lease could not be renewed; the process should exit.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Endpoints.StartAsync(cancellationToken).ConfigureAwait(false);
        ManagerLog.Serving(logger, Endpoints.MetricsUri, Endpoints.ProbeUri);
        using var stopInformers = new CancellationTokenSource();
        var running = informers.Select(i => Task.Run(() => i.RunAsync(stopInformers.Token), CancellationToken.None)).ToArray();
        try
        {
            if (options.LeaderElection is { } election)
            {
                elector = new LeaderElector(
                    client,
                    election,
                    new LeaderCallbacks { OnStartedLeading = RunControllersAsync },
                    timeProvider,
                    metrics,
                    loggerFactory.CreateLogger<LeaderElector>(),
                    random);
                if (await elector.RunAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new LeaderElectionLostException($"Lost the lease {election.LeaseNamespace}/{election.LeaseName} as {election.Identity}.");
                }
            }
            else
            {
                await RunControllersAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stopInformers.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
            await Endpoints.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await Endpoints.DisposeAsync().ConfigureAwait(false);
            ManagerLog.Stopped(logger);
        }
    }

    private async Task RunControllersAsync(CancellationToken stoppingToken)
    {
        ManagerLog.WaitingForCaches(logger, informers.Count);
        if (!await SharedInformers.WaitForCacheSync(stoppingToken, [.. informers]).ConfigureAwait(false))
        {
            return;
        }
        ManagerLog.CachesSynced(logger, controllers.Count);
        await Task.WhenAll(controllers.Select(c => c.RunAsync(stoppingToken))).ConfigureAwait(false);
    }
}
