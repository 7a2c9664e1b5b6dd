using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Requested operations.</summary>
public sealed class AuthorizationOperation
{
    /// <summary>HTTP methods; empty means any.</summary>
    [MaxLength(16)]
    [JsonPropertyName("methods")]
    public IList<string>? Methods { get; set; }

    /// <summary>Paths; a trailing * matches any suffix. Empty means any.</summary>
    [MaxLength(64)]
    [JsonPropertyName("paths")]
    public IList<string>? Paths { get; set; }
}
