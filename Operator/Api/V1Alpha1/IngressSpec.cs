using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>North-south exposure of the target through an Ingress.</summary>
public sealed class IngressSpec
{
    /// <summary>The IngressClass that should implement the Ingress, e.g. nginx. Omit to use the cluster default.</summary>
    [JsonPropertyName("className")]
    public string? ClassName { get; set; }

    /// <summary>Host names served, e.g. shop.example.com; a leading wildcard label (*.example.com) is allowed. At least one.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(32)]
    [JsonPropertyName("hosts")]
    public IList<string> Hosts { get; set; } = new List<string>();

    /// <summary>Paths exposed on every host. Defaults to / with pathType Prefix.</summary>
    [MaxLength(32)]
    [JsonPropertyName("paths")]
    public IList<IngressPath>? Paths { get; set; }

    /// <summary>TLS termination at the Ingress.</summary>
    [JsonPropertyName("tls")]
    public IngressTls? Tls { get; set; }
}
