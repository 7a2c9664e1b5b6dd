using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>When and how often a failed request is tried again at another endpoint.</summary>
public sealed class RetryPolicy
{
    /// <summary>Number of retries after the first attempt, 0 to 10. 0 disables retries.</summary>
    [Range(0, 10)]
    [JsonPropertyName("attempts")]
    public int? Attempts { get; set; }

    /// <summary>Time allowed for each attempt, e.g. 1s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("perTryTimeout")]
    public string? PerTryTimeout { get; set; }

    /// <summary>Conditions that trigger a retry: connect-failure, reset, timeout, gateway-error (502, 503, 504), 5xx, or a status code such as 503. Default connect-failure.</summary>
    [MaxLength(16)]
    [JsonPropertyName("retryOn")]
    public IList<string>? RetryOn { get; set; }

    /// <summary>Also replay requests whose method is not idempotent (POST, PATCH). Off by default because a replayed POST may be applied twice.</summary>
    [JsonPropertyName("retryNonIdempotent")]
    public bool? RetryNonIdempotent { get; set; }
}
