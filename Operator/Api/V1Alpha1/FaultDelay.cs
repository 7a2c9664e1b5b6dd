using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Holds a share of requests before forwarding them.</summary>
public sealed class FaultDelay
{
    /// <summary>How long a picked request is held, e.g. 200ms; at most 1m.</summary>
    [Required]
    [JsonPropertyName("fixedDelay")]
    public string FixedDelay { get; set; } = "";

    /// <summary>Percent of the route's requests delayed, 0 to 100. Default 100.</summary>
    [Range(0, 100)]
    [JsonPropertyName("percentage")]
    public int? Percentage { get; set; }
}
