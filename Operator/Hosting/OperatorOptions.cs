using Junction.Mesh.Identity;
using Junction.Translation;
using Junction.Validation;

namespace Junction.Hosting;

/// <summary>How the operator process runs; filled from the run verb's flags.</summary>
internal sealed record OperatorOptions
{
    /// <summary>Policies reconciled at the same time.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Take part in leader election; only the leader reconciles.</summary>
    public bool LeaderElect { get; init; }

    /// <summary>Namespace to watch; null for all namespaces.</summary>
    public string? WatchNamespace { get; init; }

    /// <summary>Where /metrics listens (host:port, ":8080", or "0" to disable).</summary>
    public string MetricsBindAddress { get; init; } = ":8080";

    /// <summary>Where /healthz and /readyz listen (host:port, ":8081", or "0" to disable).</summary>
    public string HealthProbeBindAddress { get; init; } = ":8081";

    /// <summary>
    /// Where the proxy API (HTTPS, for the agents) listens: host:port, ":15012", or "0" to disable.
    /// Off unless asked for; the run verb's flag defaults to ":15012" in a cluster.
    /// </summary>
    public string ProxyApiBindAddress { get; init; } = "0";

    /// <summary>A proxy instance silent for longer counts as unknown in status (agents report at least every 30 s).</summary>
    public TimeSpan ProxyReportTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Lifetime of the workload identities the proxy API hands out; agents renew at two thirds of it.</summary>
    public TimeSpan IdentityLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The HAProxy image of gateway Deployments when a policy does not name one.</summary>
    public string? ProxyImage { get; init; }

    /// <summary>
    /// How gateway pods learn config changes: rolled by a config hash (the default here, which needs
    /// no agent), or fetched by junction-agent in place. The run verb defaults to Agent in a cluster.
    /// </summary>
    public ConfigDelivery ConfigDelivery { get; init; } = ConfigDelivery.Rollout;

    /// <summary>The image agent-mode gateways copy junction-agent from; null for <see cref="TranslatorOptions.DefaultAgentImage"/>.</summary>
    public string? AgentImage { get; init; }

    /// <summary>Registries spec.proxy.image may come from; empty for the registry of the default proxy image.</summary>
    public IReadOnlyList<string> AllowedProxyRegistries { get; init; } = [];

    /// <summary>The validation settings these options imply.</summary>
    public ValidationOptions Validation => ValidationOptions.For(ProxyImage, AllowedProxyRegistries);

    /// <summary>Junction's own namespace: where the CA Secret lives.</summary>
    public string OperatorNamespace { get; init; } = "junction-system";

    /// <summary>The SPIFFE trust domain of the workload identities Junction's CA signs.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Who signs workload identities: Junction's own CA or cert-manager.</summary>
    public IdentityIssuerKind IdentityIssuer { get; init; } = IdentityIssuerKind.Junction;

    /// <summary>With cert-manager: the Issuer (in <see cref="OperatorNamespace"/>) or ClusterIssuer that signs.</summary>
    public CertManagerIssuerReference? CertManagerIssuer { get; init; }

    /// <summary>With cert-manager: <c>&lt;namespace&gt;/&lt;name&gt;</c> of the Secret whose ca.crt is the trust bundle; null to take the issuer's status.ca.</summary>
    public string? CertManagerCaSecret { get; init; }

    /// <summary>The sidecar injection webhook: where it listens, its certificate, the pod layout.</summary>
    public Injection.WebhookOptions Webhook { get; init; } = new();

    /// <summary>Namespace of the leader election Lease.</summary>
    public string LeaseNamespace { get; init; } = "junction-system";

    /// <summary>Name of the leader election Lease.</summary>
    public string LeaseName { get; init; } = "junction-leader";

    /// <summary>This instance's identity in the Lease; host name plus a random suffix by default.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>How long a Lease is valid without renewal.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every policy is reconciled again even without a change.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long shutdown waits for in-flight reconciles.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
