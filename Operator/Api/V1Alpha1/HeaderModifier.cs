using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Header changes, applied in the order remove, set, add.</summary>
public sealed class HeaderModifier
{
    /// <summary>Headers to set, replacing any existing value.</summary>
    [MaxLength(16)]
    [JsonPropertyName("set")]
    public IList<HttpHeader>? Set { get; set; }

    /// <summary>Headers to add, keeping existing values.</summary>
    [MaxLength(16)]
    [JsonPropertyName("add")]
    public IList<HttpHeader>? Add { get; set; }

    /// <summary>Names of headers to remove.</summary>
    [MaxLength(16)]
    [JsonPropertyName("remove")]
    public IList<string>? Remove { get; set; }
}
