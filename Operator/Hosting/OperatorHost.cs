using Junction.Distribution;
using Junction.Injection;
using Junction.Mesh.Identity;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Runtime.Events;
using Junction.Runtime.Hosting;
using Junction.Runtime.Informers;
using Junction.Runtime.Leader;
using Junction.Runtime.Metrics;
using Junction.Translation;
using k8s;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>
/// The operator process: informers for policies and what they touch, the TrafficPolicy
/// controller, leader election, and /metrics, /healthz, /readyz, run by the runtime's manager.
/// </summary>
internal sealed class OperatorHost
{
    private readonly Manager manager;

    /// <summary>
    /// Creates the host; nothing runs until <see cref="RunAsync"/>. <paramref name="reports"/> is what
    /// the proxies report running (the proxy API's registry); without one no proxy is heard from.
    /// </summary>
    public OperatorHost(OperatorOptions options, Kubernetes client, ILoggerFactory loggers, TimeProvider time, IProxyReports? reports = null)
    {
        ProcessMetrics.Register(Metrics);
        var recorder = new EventRecorder(client, new EventRecorderOptions { Component = "junction" }, time, loggers.CreateLogger<EventRecorder>());
        Informers = new OperatorInformers(client, options, time, Metrics, loggers, (obj, error) =>
            _ = recorder.EventAsync(obj, EventTypes.Warning, "Undecodable", $"Junction cannot read this object and ignores it until it can be read: {error}"));
        manager = new Manager(ManagerOptions(options), client, time, Metrics, loggers);
        var events = new RecorderPolicyEvents(recorder);
        // The CA first: meshed gateways get their identity from it.
        var trust = IdentityIssuerWiring.TrustBundle(options, client, time);
        CertificateAuthority = TrustBundleWiring.Add(manager, Informers, client, recorder, options, time, Metrics, loggers, trust);
        WorkloadIssuer = IdentityIssuerWiring.Issuer(options, client, CertificateAuthority, trust, time, loggers);
        Distribution = ProxyDistribution.Create(options, client, Informers, manager, TranslatorOptionsOf(options), Metrics, time, loggers);
        // What the proxy API's registry hears, unless a test brings its own reports.
        reports ??= (IProxyReports?)Distribution?.Registry ?? AbsentProxyReports.Instance;
        var reconciler = new TrafficPolicyReconciler(
            Informers,
            reports,
            new ChildApplier(Informers, new ChildClient(client, Informers.Assume)),
            new StatusWriter(new StatusClient(client, Informers.Assume)),
            events,
            TranslatorOptionsOf(options),
            options.Validation,
            time,
            loggers.CreateLogger<TrafficPolicyReconciler>(),
            new GatewayIdentityIssuer(
                Informers,
                new IdentitySecretClient(client),
                CertificateAuthority,
                time,
                loggers.CreateLogger<GatewayIdentityIssuer>(),
                options.IdentityIssuer == IdentityIssuerKind.CertManager && options.ConfigDelivery == ConfigDelivery.Rollout
                    ? "with --identity-issuer cert-manager a gateway gets its mesh identity only through junction-agent (--config-delivery=agent); with rollout delivery it reaches meshed backends without a trusted certificate"
                    : null),
            Distribution?.Gateways);
        var controller = new Controller(
            reconciler,
            new ControllerOptions { Name = "trafficpolicy", MaxConcurrentReconciles = options.Workers, ShutdownTimeout = options.ShutdownTimeout },
            time,
            Metrics,
            loggers.CreateLogger<Controller>());
        PolicyTriggers.Wire(Informers, controller.Queue);
        PolicyTriggers.WireReports(reports, Informers.Policies.Cache, controller.Queue);
        foreach (var informer in Informers.All)
        {
            manager.AddInformer(informer);
        }

        manager.AddController(controller);
        Distribution?.Use(CertificateAuthority, () => manager.IsLeader, options.IdentityIssuer == IdentityIssuerKind.CertManager ? WorkloadIssuer : null);
        Injection = InjectionService.Create(options.Webhook, new InjectionScope(options.OperatorNamespace, options.WatchNamespace, options.ResyncPeriod), client, manager, CertificateAuthority, TranslatorOptionsOf(options), Metrics, time, loggers);
    }

    /// <summary>The sidecar injection webhook, or null when it is disabled.</summary>
    public InjectionService? Injection { get; }

    /// <summary>Who signs workload identities (--identity-issuer): Junction's CA or cert-manager.</summary>
    public IWorkloadCertificateIssuer WorkloadIssuer { get; }

    /// <summary>The proxy API (bundles, identities, reports), or null when it is disabled.</summary>
    public ProxyDistribution? Distribution { get; }

    /// <summary>Junction's CA: loaded from (or created into) its Secret once this instance leads.</summary>
    public CaBootstrap CertificateAuthority { get; }

    /// <summary>The metrics every part of the operator records into.</summary>
    public MetricsRegistry Metrics { get; } = new();

    /// <summary>The informers and their caches.</summary>
    public OperatorInformers Informers { get; }

    /// <summary>Completes when every cache has synced.</summary>
    public Task CachesSynced => Task.WhenAll(Informers.All.Select(i => i.Synced));

    /// <summary>Whether this instance reconciles now (it leads, or leader election is off).</summary>
    public bool IsLeader => manager.IsLeader;

    /// <summary>The /metrics and probe endpoints, with their bound addresses once running.</summary>
    public OperatorEndpoints Endpoints => manager.Endpoints;

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> is cancelled, then finishes in-flight reconciles
    /// and stops. Throws <see cref="LeaderElectionLostException"/> when leadership is lost.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Distribution is not null)
        {
            await Distribution.StartAsync(stoppingToken).ConfigureAwait(false);
        }

        try
        {
            if (Injection is not null)
            {
                await Injection.StartAsync(stoppingToken).ConfigureAwait(false);
            }

            await manager.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            if (Injection is not null)
            {
                await Injection.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await Injection.DisposeAsync().ConfigureAwait(false);
            }

            if (Distribution is not null)
            {
                await Distribution.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await Distribution.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static ManagerOptions ManagerOptions(OperatorOptions options) => new()
    {
        Endpoints = new EndpointOptions { MetricsAddress = options.MetricsBindAddress, ProbeAddress = options.HealthProbeBindAddress },
        LeaderElection = options.LeaderElect
            ? new LeaderElectionOptions
            {
                LeaseName = options.LeaseName,
                LeaseNamespace = options.LeaseNamespace,
                Identity = options.Identity,
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
            }
            : null,
    };

    private static TranslatorOptions TranslatorOptionsOf(OperatorOptions options) => TranslatorOptions.Default with
    {
        ProxyImage = options.ProxyImage is { Length: > 0 } image ? image : TranslatorOptions.Default.ProxyImage,
        ConfigDelivery = options.ConfigDelivery,
        AgentImage = options.AgentImage is { Length: > 0 } agent ? agent : TranslatorOptions.Default.AgentImage,
        ProxyApiUrl = $"https://junction-proxy-api.{options.OperatorNamespace}.svc:15012",
        TrustDomain = options.TrustDomain,
    };
}
