using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A header name and value.</summary>
public sealed class HttpHeader
{
    /// <summary>The header name (an HTTP token).</summary>
    [Required]
    [StringLength(256, MinimumLength = 1)]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The header value.</summary>
    [Required]
    [StringLength(4096)]
    [JsonPropertyName("value")]
    public string Value { get; set; } = "";
}
