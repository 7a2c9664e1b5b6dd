using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A cert-manager Issuer or ClusterIssuer.</summary>
public sealed class IssuerReference
{
    /// <summary>Name of the issuer.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Issuer (namespaced) or ClusterIssuer. Defaults to Issuer.</summary>
    [AllowedValues("Issuer", "ClusterIssuer")]
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}
