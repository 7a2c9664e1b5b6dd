using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Junction.Api.V1Alpha1;

/// <summary>Which proxies enforce the policy and how they run.</summary>
public sealed class ProxySpec
{
    /// <summary>Gateway (a proxy Deployment in front of the target), Sidecar (proxies injected into pods) or None (only the Ingress). Default Gateway.</summary>
    [AllowedValues(ProxyModes.Gateway, ProxyModes.Sidecar, ProxyModes.None)]
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    /// <summary>Gateway replicas, 0 to 100. Default 2.</summary>
    [Range(0, 100)]
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>The HAProxy image. Defaults to the operator's configured image.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>
    /// Destination ports that sidecars never inspect for HTTP (server-first protocols such as
    /// MySQL or SMTP, which would otherwise wait out the detection delay); connections to them
    /// pass through as TCP. Applies to every sidecar that may call the target (see exportTo).
    /// </summary>
    [MaxLength(32)]
    [JsonPropertyName("opaquePorts")]
    public IList<int>? OpaquePorts { get; set; }

    /// <summary>Compute resources of the proxy container.</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }
}
