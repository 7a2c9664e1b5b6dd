using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>How a path is replaced.</summary>
public sealed class PathModifier
{
    /// <summary>ReplaceFullPath or ReplacePrefixMatch (needs a PathPrefix match on the route).</summary>
    [Required]
    [AllowedValues("ReplaceFullPath", "ReplacePrefixMatch")]
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>The new path, for ReplaceFullPath.</summary>
    [JsonPropertyName("replaceFullPath")]
    public string? ReplaceFullPath { get; set; }

    /// <summary>What the matched prefix becomes, for ReplacePrefixMatch.</summary>
    [JsonPropertyName("replacePrefixMatch")]
    public string? ReplacePrefixMatch { get; set; }
}
