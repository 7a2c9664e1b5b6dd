using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A Service in the policy's namespace and one of its ports.</summary>
public sealed class ServiceReference
{
    /// <summary>Name of the Service (a DNS-1035 label).</summary>
    [Required]
    [StringLength(63, MinimumLength = 1)]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The Service port number to send traffic to.</summary>
    [Required]
    [Range(1, 65535)]
    [JsonPropertyName("port")]
    public int Port { get; set; }
}
