using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Mutual TLS between proxies.</summary>
public sealed class MutualTls
{
    /// <summary>
    /// Strict, Permissive or Disabled; default Permissive. Sidecar mode: what the target's sidecars
    /// accept (Strict only mTLS, Permissive mTLS and plain text, Disabled plain text). Gateway mode:
    /// how the gateway reaches its backends with its own identity: Permissive over mTLS to meshed
    /// backends (covered by a Sidecar-mode policy) and in plain text to the rest; Strict over mTLS to
    /// every backend (one that is not meshed makes Ready False, reason BackendNotMeshed); Disabled in
    /// plain text to all, which the sidecars of a Strict backend refuse.
    /// </summary>
    [AllowedValues("Strict", "Permissive", "Disabled")]
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }
}
