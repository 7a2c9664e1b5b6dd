using Junction.Hosting;
using Junction.Translation;

namespace Junction.Cli;

/// <summary>Turns the run verb's flags into operator options for a cluster or a local run.</summary>
internal static class RunCommandOptions
{
    /// <summary>The service account's namespace file, which names a pod's own namespace.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>
    /// Options for a run against a cluster; leader election defaults to on in-cluster. The Lease
    /// lives in --leader-election-namespace, else in cluster the operator's own namespace (read from
    /// <paramref name="serviceAccountNamespaceFile"/>), else the kubeconfig context's namespace, else default.
    /// </summary>
    public static OperatorOptions ForCluster(RunArguments args, bool inCluster, string? contextNamespace = null, string serviceAccountNamespaceFile = ServiceAccountNamespaceFile) => new()
    {
        // The CA Secret lives in Junction's own namespace, read from the pod when in cluster.
        OperatorNamespace = (inCluster ? OwnNamespace(serviceAccountNamespaceFile) : null) ?? "junction-system",
        Workers = args.Workers,
        WatchNamespace = args.Namespace,
        LeaderElect = args.LeaderElect ?? inCluster,
        LeaseNamespace = args.LeaderElectionNamespace
            ?? (inCluster ? OwnNamespace(serviceAccountNamespaceFile) : null)
            ?? (string.IsNullOrEmpty(contextNamespace) ? null : contextNamespace)
            ?? "default",
        MetricsBindAddress = args.MetricsBindAddress ?? ":8080",
        HealthProbeBindAddress = args.HealthProbeBindAddress ?? ":8081",
        ProxyApiBindAddress = args.ProxyApiBindAddress ?? ":15012",
        ProxyImage = args.ProxyImage,
        AllowedProxyRegistries = args.AllowedProxyRegistries,
        IdentityIssuer = args.IdentityIssuer,
        CertManagerIssuer = args.CertManagerIssuer,
        CertManagerCaSecret = args.CertManagerCaSecret,
        ConfigDelivery = args.ConfigDelivery ?? ConfigDelivery.Agent,
        AgentImage = args.AgentImage,
        Webhook = Webhook(args, ":" + Injection.InjectionNames.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>Options for --local: one instance, endpoints on loopback with free ports.</summary>
    public static OperatorOptions ForLocal(RunArguments args) => new()
    {
        Workers = args.Workers,
        WatchNamespace = args.Namespace,
        LeaderElect = args.LeaderElect ?? false,
        LeaseNamespace = args.LeaderElectionNamespace ?? "default",
        OperatorNamespace = "default",
        MetricsBindAddress = args.MetricsBindAddress ?? "127.0.0.1:0",
        HealthProbeBindAddress = args.HealthProbeBindAddress ?? "127.0.0.1:0",
        ProxyApiBindAddress = args.ProxyApiBindAddress ?? "127.0.0.1:0",
        ProxyImage = args.ProxyImage,
        AllowedProxyRegistries = args.AllowedProxyRegistries,
        IdentityIssuer = args.IdentityIssuer,
        CertManagerIssuer = args.CertManagerIssuer,
        CertManagerCaSecret = args.CertManagerCaSecret,
        // Without --proxies the simulated cluster runs no agents: its rollouts are what turns gateways Ready.
        ConfigDelivery = args.ConfigDelivery ?? (args.Proxies ? ConfigDelivery.Agent : ConfigDelivery.Rollout),
        AgentImage = args.AgentImage,
        Webhook = Webhook(args, "127.0.0.1:0"),
    };

    private static Injection.WebhookOptions Webhook(RunArguments args, string defaultBindAddress) => new()
    {
        BindAddress = args.WebhookBindAddress ?? defaultBindAddress,
        Certificates = args.WebhookCerts,
        CertificateDirectory = args.WebhookCertDirectory ?? new Injection.WebhookOptions().CertificateDirectory,
        NativeSidecars = args.NativeSidecars,
        InitImage = args.InitImage ?? Injection.InjectionOptions.DefaultInitImage,
    };

    private static string? OwnNamespace(string path) =>
        File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } ns ? ns : null;
}
