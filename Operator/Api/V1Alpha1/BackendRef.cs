using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A weighted backend Service of a route.</summary>
public sealed class BackendRef
{
    /// <summary>Name of the Service in the policy's namespace.</summary>
    [Required]
    [StringLength(63, MinimumLength = 1)]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The Service port number.</summary>
    [Required]
    [Range(1, 65535)]
    [JsonPropertyName("port")]
    public int Port { get; set; }

    /// <summary>Relative share of the route's requests, 0 to 1000. Defaults to 1. A weight of 0 sends no traffic.</summary>
    [Range(0, 1000)]
    [JsonPropertyName("weight")]
    public int? Weight { get; set; }
}
