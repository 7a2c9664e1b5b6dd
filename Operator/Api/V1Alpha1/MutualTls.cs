using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Mutual TLS between proxies.</summary>
public sealed class MutualTls
{
    /// <summary>Strict (only mTLS), Permissive (mTLS and plain text) or Disabled. Default Permissive.</summary>
    [AllowedValues("Strict", "Permissive", "Disabled")]
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }
}
