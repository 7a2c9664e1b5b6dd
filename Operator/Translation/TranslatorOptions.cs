using System.Collections.Immutable;
using Junction.Ir;

namespace Junction.Translation;

/// <summary>Operator-wide settings the translation needs; everything else comes from the policy.</summary>
internal sealed record TranslatorOptions
{
    /// <summary>The HAProxy image when spec.proxy.image is empty.</summary>
    public string ProxyImage { get; init; } = "haproxy:3.2";

    /// <summary>
    /// DNS servers (ip:port) HAProxy asks for endpoints. Empty means the pod's /etc/resolv.conf,
    /// which in a cluster names kube-dns whatever its ClusterIP is (10.96.0.10 on kubeadm,
    /// 10.43.0.10 on k3s); set it to pin a server, e.g. a local dnsmasq in tests.
    /// </summary>
    public ImmutableArray<string> DnsNameservers { get; init; } = [];

    /// <summary>The cluster's DNS domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>Port the proxy binds for a policy's traffic.</summary>
    public int ListenPort { get; init; } = 8080;

    /// <summary>Port of /metrics and /healthz on every proxy.</summary>
    public int MetricsPort { get; init; } = 8404;

    /// <summary>Address the proxy binds; empty for all IPv4 addresses.</summary>
    public string BindAddress { get; init; } = "";

    /// <summary>Gateway replicas when spec.proxy.replicas is empty.</summary>
    public int DefaultReplicas { get; init; } = 2;

    /// <summary>Server slots per backend (server-template size): the most endpoints one backend can use.</summary>
    public int EndpointSlots { get; init; } = 32;

    /// <summary>Proxy container resources when spec.proxy.resources is empty.</summary>
    public ComputeResources DefaultResources { get; init; } = new(
        new([new ResourceAmount("cpu", "100m"), new ResourceAmount("memory", "64Mi")]),
        new([new ResourceAmount("memory", "256Mi")]));

    /// <summary>The defaults.</summary>
    public static TranslatorOptions Default { get; } = new();
}
