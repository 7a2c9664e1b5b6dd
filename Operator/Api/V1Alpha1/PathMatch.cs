using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A condition on the request path.</summary>
public sealed class PathMatch
{
    /// <summary>Exact, PathPrefix (segment-aware: /api matches /api and /api/x, not /apix) or RegularExpression. Defaults to PathPrefix.</summary>
    [AllowedValues(MatchTypes.Exact, MatchTypes.PathPrefix, MatchTypes.RegularExpression)]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The path, starting with /, or a regular expression for RegularExpression.</summary>
    [Required]
    [StringLength(1024, MinimumLength = 1)]
    [JsonPropertyName("value")]
    public string Value { get; set; } = "/";
}
