using System.Collections.Immutable;
using Junction.Ir;

namespace Junction.Translation;

/// <summary>Operator-wide settings the translation needs; everything else comes from the policy.</summary>
internal sealed record TranslatorOptions
{
    /// <summary>
    /// The HAProxy image when spec.proxy.image is empty, pinned to an exact patch release so a
    /// new upstream push of a moving tag never changes running gateways unannounced.
    /// </summary>
    public string ProxyImage { get; init; } = Validation.ValidationOptions.DefaultProxyImage;

    /// <summary>
    /// DNS servers (ip:port) HAProxy asks for endpoints. Empty means the pod's /etc/resolv.conf,
    /// which in a cluster names kube-dns whatever its ClusterIP is (10.96.0.10 on kubeadm,
    /// 10.43.0.10 on k3s); set it to pin a server, e.g. a local dnsmasq in tests.
    /// </summary>
    public ImmutableArray<string> DnsNameservers { get; init; } = [];

    /// <summary>The SPIFFE trust domain of workload identities (a meshed gateway's among them).</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>The cluster's DNS domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>Port the proxy binds for a policy's traffic.</summary>
    public int ListenPort { get; init; } = 8080;

    /// <summary>Port of /metrics and /healthz on every proxy.</summary>
    public int MetricsPort { get; init; } = 8404;

    /// <summary>Address the proxy binds; empty for all IPv4 addresses.</summary>
    public string BindAddress { get; init; } = "";

    /// <summary>
    /// Where the proxy keeps its server state across reloads: a config watcher saves the running
    /// worker's <c>show servers state</c> here before a reload, and the new worker starts from the
    /// DNS-resolved addresses in it instead of none. On the gateway pod's writable emptyDir.
    /// </summary>
    public string ServerStateFile { get; init; } = "/var/run/haproxy/server-state";

    /// <summary>How long the proxy trusts a DNS answer before asking again (resolvers <c>hold valid</c>).</summary>
    public TimeSpan DnsHoldValid { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an endpoint missing from the DNS answers keeps its slot (<c>hold obsolete</c>).</summary>
    public TimeSpan DnsHoldObsolete { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gateway replicas when spec.proxy.replicas is empty.</summary>
    public int DefaultReplicas { get; init; } = 2;

    /// <summary>Server slots per backend (server-template size): the most endpoints one backend can use.</summary>
    public int EndpointSlots { get; init; } = 32;

    /// <summary>Proxy container resources when spec.proxy.resources is empty.</summary>
    public ComputeResources DefaultResources { get; init; } = new(
        new([new ResourceAmount("cpu", "100m"), new ResourceAmount("memory", "64Mi")]),
        new([new ResourceAmount("memory", "256Mi")]));

    /// <summary>
    /// How gateway pods receive config changes. Rollout (today's pod roll) unless the operator is
    /// told otherwise; the run verb defaults to Agent in a cluster.
    /// </summary>
    public ConfigDelivery ConfigDelivery { get; init; } = ConfigDelivery.Rollout;

    /// <summary>
    /// The image whose <c>/usr/local/bin/junction-agent</c> an agent-mode gateway's init container
    /// copies into the pod: the operator's own image.
    /// </summary>
    public string AgentImage { get; init; } = DefaultAgentImage;

    /// <summary>Where agents reach the operator's proxy API (its Service in the operator's namespace).</summary>
    public string ProxyApiUrl { get; init; } = "https://junction-proxy-api.junction-system.svc:15012";

    /// <summary>The operator image config/manager deploys (kustomize rewrites it there), used when --agent-image is not given.</summary>
    public const string DefaultAgentImage = "junction:latest";

    /// <summary>The defaults.</summary>
    public static TranslatorOptions Default { get; } = new();
}
