using Junction.Distribution;
using Junction.Mesh.Identity;
using Junction.Reconciliation;
using Junction.Runtime.Hosting;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using Junction.Translation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>
/// The proxy API and what it serves from, wired into the operator: gateway bundles from the
/// reconciler, sidecar bundles from the caches (recomputed when a policy, Service or Deployment
/// changes), pods' labels from a metadata-only Pod informer, tokens reviewed by the API server,
/// and the serving certificate from Junction's CA once it is loaded.
/// </summary>
internal sealed partial class ProxyDistribution : IAsyncDisposable
{
    private readonly ServingCertificate certificate;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private CaBootstrap? authority;
    private IWorkloadCertificateIssuer? externalIssuer;
    private Func<bool> leads = () => false;
    private Task loading = Task.CompletedTask;

    private ProxyDistribution(OperatorOptions options, Kubernetes client, OperatorInformers informers, Manager manager, TranslatorOptions translator, MetricsRegistry metrics, TimeProvider time, ILoggerFactory loggers)
    {
        this.time = time;
        logger = loggers.CreateLogger<ProxyDistribution>();
        var pods = SharedInformers.Create<V1Pod>(
            client,
            new InformerOptions { Namespace = options.WatchNamespace, ResyncPeriod = options.ResyncPeriod, MetricPrefix = "junction_informer", MetadataOnly = true },
            time,
            metrics,
            loggers);
        manager.AddInformer(pods);
        var view = new InformerDistributionView(informers, pods, options.Validation);
        var measures = new DistributionMetrics(metrics);
        var ledger = new BundleLedger();
        var propagation = new PropagationTracker(ledger, measures, time);
        var store = new BundleStore(propagation, time);
        var sweep = options.ProxyReportTimeout / 4 < ProxyRegistryOptions.Default.SweepInterval ? options.ProxyReportTimeout / 4 : ProxyRegistryOptions.Default.SweepInterval;
        Registry = new ProxyRegistry(ledger, measures, propagation, time, new ProxyRegistryOptions { StaleAfter = options.ProxyReportTimeout, SweepInterval = sweep });
        Gateways = new GatewayBundles(store);
        var sidecars = new SidecarBundles(store, view, new SidecarBundleOptions { Translator = translator, TrustDomain = options.TrustDomain }, time, loggers.CreateLogger<SidecarBundles>());
        informers.Policies.AddEventHandler(Changes<Api.V1Alpha1.TrafficPolicy>(sidecars));
        informers.Services.AddEventHandler(Changes<V1Service>(sidecars));
        informers.Deployments.AddEventHandler(Changes<V1Deployment>(sidecars));

        var api = new ProxyApiOptions
        {
            BindAddress = options.ProxyApiBindAddress,
            DnsNames = ProxyApiOptions.ServiceNames(options.OperatorNamespace),
            TrustDomain = options.TrustDomain,
            LeafLifetime = options.IdentityLifetime,
        };
        certificate = new ServingCertificate(() => authority?.Current, api.DnsNames, api.Addresses, time, loggers.CreateLogger<ServingCertificate>());
        var parts = new ProxyApiParts(
            new CachingTokenReviewer(new KubernetesTokenReviewer(client), time),
            new ProxyAuthorizer(view),
            new IdentityRateLimiter(time, api.RatePerSecond, api.RateBurst),
            store,
            sidecars,
            ledger,
            Registry,
            view,
            () => authority?.Current,
            () => authority?.TrustBundlePem,
            () => leads(),
            () => externalIssuer);
        Server = new ProxyApiServer(new ProxyApi(parts, api, measures, time, loggers.CreateLogger<ProxyApi>()), certificate, api, loggers.CreateLogger<ProxyApiServer>());
    }

    /// <summary>Where the reconciler hands gateway bundles.</summary>
    public IGatewayBundles Gateways { get; }

    /// <summary>What the proxies report (for status).</summary>
    public ProxyRegistry Registry { get; }

    /// <summary>The HTTPS server.</summary>
    public ProxyApiServer Server { get; }

    /// <summary>The distribution, or null when <see cref="OperatorOptions.ProxyApiBindAddress"/> is <c>0</c>.</summary>
    public static ProxyDistribution? Create(OperatorOptions options, Kubernetes client, OperatorInformers informers, Manager manager, TranslatorOptions translator, MetricsRegistry metrics, TimeProvider time, ILoggerFactory loggers) =>
        BindAddress.Parse(options.ProxyApiBindAddress) is null
            ? null
            : new ProxyDistribution(options, client, informers, manager, translator, metrics, time, loggers);

    /// <summary>Uses Junction's CA for identities and the serving certificate; configs are served while <paramref name="isLeader"/> says so.</summary>
    /// <param name="ca">Junction's CA: the serving certificate, and identities unless <paramref name="external"/> signs them.</param>
    /// <param name="isLeader">Whether this replica leads.</param>
    /// <param name="external">The issuer of workload identities when it is not Junction's CA (cert-manager).</param>
    public void Use(CaBootstrap ca, Func<bool> isLeader, IWorkloadCertificateIssuer? external = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        authority = ca;
        externalIssuer = external;
        leads = isLeader;
        ca.Changed += () => certificate.Renew();
    }

    /// <summary>Starts the server and loads (or creates) the CA in the background.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await Server.StartAsync(ct).ConfigureAwait(false);
        loading = LoadAuthorityAsync(ct);
    }

    /// <summary>Stops the server.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await Server.StopAsync(ct).ConfigureAwait(false);
        await loading.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        certificate.Dispose();
        Registry.Dispose();
    }

    private static ResourceEventHandler<T> Changes<T>(SidecarBundles sidecars) => new()
    {
        OnAdd = (_, _) => sidecars.InputsChanged(),
        OnUpdate = (_, _) => sidecars.InputsChanged(),
        OnDelete = (_, _) => sidecars.InputsChanged(),
    };

    // The proxy API needs the CA on every replica, so it is loaded here too, not only by the leader's trust-bundle controller.
    private async Task LoadAuthorityAsync(CancellationToken ct)
    {
        if (authority is not null && await authority.LoadWithRetryAsync("the proxy API", ct).ConfigureAwait(false))
        {
            certificate.Renew();
        }
    }
}
