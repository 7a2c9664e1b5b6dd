using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A path exposed by the Ingress.</summary>
public sealed class IngressPath
{
    /// <summary>The path; must start with /.</summary>
    [Required]
    [StringLength(1024, MinimumLength = 1)]
    [JsonPropertyName("path")]
    public string Path { get; set; } = "/";

    /// <summary>How the path matches: Prefix, Exact or ImplementationSpecific. Defaults to Prefix.</summary>
    [AllowedValues("Prefix", "Exact", "ImplementationSpecific")]
    [JsonPropertyName("pathType")]
    public string? PathType { get; set; }
}
