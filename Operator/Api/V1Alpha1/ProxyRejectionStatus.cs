using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A config a proxy instance refused (a NACK).</summary>
public sealed class ProxyRejectionStatus
{
    /// <summary>The proxy instance (pod) that refused the config.</summary>
    [JsonPropertyName("instance")]
    public string? Instance { get; set; }

    /// <summary>HAProxy's error text.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
