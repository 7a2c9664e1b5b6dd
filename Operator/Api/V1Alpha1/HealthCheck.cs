using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Active health checks of backend endpoints.</summary>
public sealed class HealthCheck
{
    /// <summary>HTTP path probed with GET; a 2xx or 3xx answer is healthy. Omit for a TCP connect check.</summary>
    [StringLength(1024)]
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Time between checks. Default 5s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("interval")]
    public string? Interval { get; set; }

    /// <summary>Time allowed for one check. Default 1s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    /// <summary>Consecutive successes that mark an endpoint healthy, 1 to 100. Default 2.</summary>
    [Range(1, 100)]
    [JsonPropertyName("healthyThreshold")]
    public int? HealthyThreshold { get; set; }

    /// <summary>Consecutive failures that mark an endpoint unhealthy, 1 to 100. Default 3.</summary>
    [Range(1, 100)]
    [JsonPropertyName("unhealthyThreshold")]
    public int? UnhealthyThreshold { get; set; }
}
