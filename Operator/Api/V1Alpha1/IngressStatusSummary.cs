using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>The Ingress of a policy as observed.</summary>
public sealed class IngressStatusSummary
{
    /// <summary>Name of the Ingress.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Load-balancer addresses (IPs or host names) assigned to the Ingress.</summary>
    [JsonPropertyName("addresses")]
    public IList<string>? Addresses { get; set; }
}
