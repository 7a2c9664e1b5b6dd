using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A condition on one request header.</summary>
public sealed class HeaderMatch
{
    /// <summary>The header name (an HTTP token, case-insensitive).</summary>
    [Required]
    [StringLength(256, MinimumLength = 1)]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Exact or RegularExpression. Defaults to Exact.</summary>
    [AllowedValues(MatchTypes.Exact, MatchTypes.RegularExpression)]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The value to compare with.</summary>
    [Required]
    [StringLength(4096)]
    [JsonPropertyName("value")]
    public string Value { get; set; } = "";
}
