using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A request rate limit per proxy; requests beyond it get 429.</summary>
public sealed class RateLimit
{
    /// <summary>Sustained requests per second allowed per key, 1 to 1000000.</summary>
    [Required]
    [Range(1, 1000000)]
    [JsonPropertyName("requestsPerSecond")]
    public int RequestsPerSecond { get; set; }

    /// <summary>Requests allowed in a short burst above the rate. Defaults to requestsPerSecond.</summary>
    [Range(1, 10000000)]
    [JsonPropertyName("burst")]
    public int? Burst { get; set; }

    /// <summary>What a limit is counted per: ClientIP, Header or Global. Default ClientIP.</summary>
    [AllowedValues("ClientIP", "Header", "Global")]
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>The header counted per when key is Header.</summary>
    [JsonPropertyName("headerName")]
    public string? HeaderName { get; set; }
}
