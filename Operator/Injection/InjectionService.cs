using System.Net;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Junction.Distribution;
using Junction.Reconciliation;
using Junction.Runtime.Hosting;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using Junction.Translation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Injection;

/// <summary>
/// The sidecar injector wired into the operator: the HTTPS webhook (every replica serves it), its
/// serving certificate (signed by Junction's CA, or cert-manager's from a mounted Secret), the
/// caBundle of its MutatingWebhookConfiguration (kept by the leader, Junction's CA only), and a
/// metadata-only Namespace informer for the namespace label check.
/// </summary>
internal sealed partial class InjectionService : IAsyncDisposable
{
    private readonly WebhookOptions options;
    private readonly string operatorNamespace;
    private readonly Kubernetes client;
    private readonly CaBootstrap authority;
    private readonly TranslatorOptions translator;
    private readonly INamespaceLabels namespaces;
    private readonly Func<bool> leads;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggers;
    private readonly ILogger logger;
    private readonly ServingCertificate? signed;
    private readonly MountedCertificate? mounted;
    private readonly CaBundleKeeper? keeper;
    private readonly CancellationTokenSource stopping = new();
    private Task background = Task.CompletedTask;

    private InjectionService(WebhookOptions options, InjectionScope scope, Kubernetes client, Manager manager, CaBootstrap authority, TranslatorOptions translator, MetricsRegistry metrics, TimeProvider time, ILoggerFactory loggers)
    {
        this.options = options;
        operatorNamespace = scope.OperatorNamespace;
        this.client = client;
        this.authority = authority;
        this.translator = translator;
        this.time = time;
        this.loggers = loggers;
        logger = loggers.CreateLogger<InjectionService>();
        leads = () => manager.IsLeader;

        // Namespaces are cluster-scoped: an operator confined to one namespace may not list them.
        Informer<V1Namespace>? informer = null;
        if (scope.WatchNamespace is null)
        {
            informer = SharedInformers.Create<V1Namespace>(client, new InformerOptions { ResyncPeriod = scope.ResyncPeriod, MetricPrefix = "junction_injection_informer", MetadataOnly = true }, time, metrics, loggers);
            manager.AddInformer(informer);
        }

        namespaces = new InformerNamespaceLabels(informer, scope.WatchNamespace);
        if (options.Certificates == WebhookCertificateSource.CertManager)
        {
            mounted = new MountedCertificate(options.CertificateDirectory, time, loggers.CreateLogger<MountedCertificate>());
            return;
        }

        signed = new ServingCertificate(() => authority.Current, InjectionNames.ServiceNames(operatorNamespace), [IPAddress.Loopback], time, loggers.CreateLogger<ServingCertificate>(), commonName: InjectionNames.Service);
        keeper = new CaBundleKeeper(
            new CaBundleSync(new WebhookConfigurationClient(client), options.ConfigurationName),
            () => authority.TrustBundlePem,
            leads,
            options.CaBundleCheckEvery,
            time,
            loggers.CreateLogger<CaBundleKeeper>());
        authority.Changed += () =>
        {
            signed.Renew();
            keeper.Poke();
        };
    }

    /// <summary>The HTTPS server, once started.</summary>
    public InjectionServer? Server { get; private set; }

    /// <summary>What the webhook injects, once started (the layout depends on the server's version).</summary>
    public InjectionOptions? Injection { get; private set; }

    /// <summary>The service, or null when <see cref="WebhookOptions.BindAddress"/> is <c>0</c>.</summary>
    public static InjectionService? Create(WebhookOptions options, InjectionScope scope, Kubernetes client, Manager manager, CaBootstrap authority, TranslatorOptions translator, MetricsRegistry metrics, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scope);
        return BindAddress.Parse(options.BindAddress) is null
            ? null
            : new InjectionService(options, scope, client, manager, authority, translator, metrics, time, loggers);
    }

    /// <summary>Reads the server's version (unless the layout is set), starts serving, and loads the CA in the background.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var native = options.NativeSidecars ?? await NativeSidecarsAsync(ct).ConfigureAwait(false);
        Injection = new InjectionOptions
        {
            ProxyImage = translator.ProxyImage,
            OperatorImage = translator.AgentImage,
            InitImage = options.InitImage,
            ProxyApiUrl = translator.ProxyApiUrl,
            NativeSidecar = native,
            Version = Version(),
            OperatorNamespace = operatorNamespace,
        };
        var webhook = new InjectionWebhook(Injection, namespaces, loggers.CreateLogger<InjectionWebhook>());
        Server = new InjectionServer(webhook, Certificate, options.BindAddress, loggers.CreateLogger<InjectionServer>());
        await Server.StartAsync(ct).ConfigureAwait(false);
        if (signed is not null)
        {
            background = Task.WhenAll(LoadAuthorityAsync(stopping.Token), keeper!.RunAsync(stopping.Token));
        }
    }

    /// <summary>Stops serving and the caBundle checks.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (Server is not null)
        {
            await Server.StopAsync(ct).ConfigureAwait(false);
        }

        await background.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        signed?.Dispose();
        mounted?.Dispose();
        stopping.Dispose();
    }

    private X509Certificate2? Certificate() => signed?.Current ?? mounted?.Current;

    private async Task<bool> NativeSidecarsAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var version = await client.Version.GetCodeAsync(timeout.Token).ConfigureAwait(false);
            var native = KubernetesVersion.SupportsNativeSidecars(version.Major, version.Minor);
            InjectionLog.ServerVersion(logger, version.GitVersion ?? $"{version.Major}.{version.Minor}", native);
            return native;
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            InjectionLog.ServerVersionFailed(logger, e.Message);
            return true;
        }
    }

    // Every replica serves the webhook, so every replica loads the CA (creating it if this is the first use of the mesh).
    private async Task LoadAuthorityAsync(CancellationToken ct)
    {
        if (await authority.LoadWithRetryAsync("the webhook's certificate", ct).ConfigureAwait(false))
        {
            signed!.Renew();
            keeper!.Poke();
        }
    }

    private static string Version()
    {
        var version = typeof(InjectionService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
