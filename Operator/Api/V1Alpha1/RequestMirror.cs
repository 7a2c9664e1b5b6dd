using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>
/// Sends a copy of a share of requests (method, path, headers, and a body of up to 8 KiB) to another
/// Service, fire-and-forget: the copy's answer is discarded and never delays or fails the original.
/// The copy's Host header carries a -shadow suffix.
/// </summary>
public sealed class RequestMirror
{
    /// <summary>The Service in the policy's namespace that receives the copies.</summary>
    [Required]
    [JsonPropertyName("backendRef")]
    public ServiceReference BackendRef { get; set; } = new();

    /// <summary>Percent of the route's requests copied, 0 to 100. Default 100.</summary>
    [Range(0, 100)]
    [JsonPropertyName("percentage")]
    public int? Percentage { get; set; }
}
