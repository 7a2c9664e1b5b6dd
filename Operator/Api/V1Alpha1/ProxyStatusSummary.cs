using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>The gateway proxy Deployment of a policy as observed.</summary>
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

    /// <summary>Hash of the current haproxy.cfg; pods carry it in an annotation.</summary>
    [JsonPropertyName("configHash")]
    public string? ConfigHash { get; set; }
}
