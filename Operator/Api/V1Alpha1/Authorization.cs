using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Who may call the target.</summary>
public sealed class Authorization
{
    /// <summary>Allow or Deny requests that match no rule. Default Deny.</summary>
    [AllowedValues("Allow", "Deny")]
    [JsonPropertyName("defaultAction")]
    public string? DefaultAction { get; set; }

    /// <summary>Rules that allow requests.</summary>
    [MaxLength(64)]
    [JsonPropertyName("rules")]
    public IList<AuthorizationRule>? Rules { get; set; }
}
