using System.Text.Json.Serialization;
using k8s.Models;

namespace Junction.Api.V1Alpha1;

/// <summary>What Junction observed and did for a policy.</summary>
public sealed class TrafficPolicyStatus
{
    /// <summary>The metadata.generation this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>The effective spec.proxy.mode, defaults applied: Gateway, Sidecar or None.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    /// <summary>The host names of spec.ingress.hosts joined by commas, for kubectl's HOSTS column; empty without an Ingress.</summary>
    [JsonPropertyName("hosts")]
    public string? Hosts { get; set; }

    /// <summary>Accepted, ResolvedRefs, Programmed and Ready.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>The Ingress created for the policy.</summary>
    [JsonPropertyName("ingress")]
    public IngressStatusSummary? Ingress { get; set; }

    /// <summary>The gateway proxy Deployment created for the policy.</summary>
    [JsonPropertyName("proxy")]
    public ProxyStatusSummary? Proxy { get; set; }

    /// <summary>Legal but risky settings, e.g. retries whose total time exceeds the request timeout.</summary>
    [JsonPropertyName("warnings")]
    public IList<string>? Warnings { get; set; }
}
