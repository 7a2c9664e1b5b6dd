using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Passive health checking: endpoints that fail live requests are taken out for a while.</summary>
public sealed class OutlierDetection
{
    /// <summary>Consecutive errors (5xx or connection failures) that eject an endpoint, 1 to 1000. Default 5.</summary>
    [Range(1, 1000)]
    [JsonPropertyName("consecutiveErrors")]
    public int? ConsecutiveErrors { get; set; }

    /// <summary>How often ejected endpoints are probed again. Default 10s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("interval")]
    public string? Interval { get; set; }

    /// <summary>Minimum time an ejected endpoint stays out. Default 30s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("baseEjectionTime")]
    public string? BaseEjectionTime { get; set; }
}
