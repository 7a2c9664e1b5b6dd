using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>How requests are spread over the endpoints of a backend.</summary>
public sealed class LoadBalancer
{
    /// <summary>RoundRobin, LeastRequest, Random or ConsistentHash. Default RoundRobin.</summary>
    [AllowedValues("RoundRobin", "LeastRequest", "Random", "ConsistentHash")]
    [JsonPropertyName("algorithm")]
    public string? Algorithm { get; set; }

    /// <summary>What the hash is computed on; required for ConsistentHash.</summary>
    [JsonPropertyName("consistentHash")]
    public ConsistentHash? ConsistentHash { get; set; }
}
