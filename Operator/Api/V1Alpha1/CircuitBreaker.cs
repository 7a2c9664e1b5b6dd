using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Limits that make the proxy fail fast instead of piling load on a struggling backend.</summary>
public sealed class CircuitBreaker
{
    /// <summary>Most concurrent requests per backend endpoint, 1 to 100000.</summary>
    [Range(1, 100000)]
    [JsonPropertyName("maxConnections")]
    public int? MaxConnections { get; set; }

    /// <summary>Most requests waiting for a free connection per backend; beyond it the proxy answers 503 at once. 0 to 100000.</summary>
    [Range(0, 100000)]
    [JsonPropertyName("maxPendingRequests")]
    public int? MaxPendingRequests { get; set; }

    /// <summary>Ejects endpoints that keep failing live traffic.</summary>
    [JsonPropertyName("outlierDetection")]
    public OutlierDetection? OutlierDetection { get; set; }
}
