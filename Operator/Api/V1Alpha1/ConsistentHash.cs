using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>The request property that keeps a client on the same endpoint.</summary>
public sealed class ConsistentHash
{
    /// <summary>Header, Cookie or SourceIP.</summary>
    [Required]
    [AllowedValues("Header", "Cookie", "SourceIP")]
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>The header or cookie name; required for Header and Cookie.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
