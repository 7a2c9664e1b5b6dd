using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>
/// The policy's proxies as observed: the gateway Deployment, and, where proxies run junction-agent
/// (Sidecar mode; gateways with agent config delivery), what their agents report running.
/// </summary>
public sealed class ProxyStatusSummary
{
    /// <summary>Name of the Deployment.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Desired replicas.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Replicas that are ready.</summary>
    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    /// <summary>Replicas running the current configuration.</summary>
    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; set; }

    /// <summary>Hash of the current haproxy.cfg; with rollout delivery pods carry it in an annotation.</summary>
    [JsonPropertyName("configHash")]
    public string? ConfigHash { get; set; }

    /// <summary>Proxy instances that must run the policy: the gateway's desired replicas, or the pods the target Service selects (Sidecar mode).</summary>
    [JsonPropertyName("instances")]
    public int? Instances { get; set; }

    /// <summary>Instances whose agent reports running a config that includes the policy's current generation.</summary>
    [JsonPropertyName("current")]
    public int? Current { get; set; }

    /// <summary>Instances whose agent has not reported for longer than the staleness timeout; never counted as current.</summary>
    [JsonPropertyName("unknown")]
    public int? Unknown { get; set; }

    /// <summary>The count in words, e.g. "2 of 3 proxies run generation 7, 1 unknown".</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    /// <summary>Sidecar mode: how many of the instances (the covered pods) carry the Junction sidecar, injected or heard from.</summary>
    [JsonPropertyName("sidecars")]
    public int? Sidecars { get; set; }

    /// <summary>The latest config a proxy instance refused, with HAProxy's message.</summary>
    [JsonPropertyName("rejected")]
    public ProxyRejectionStatus? Rejected { get; set; }
}
