using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Rewrites applied before forwarding.</summary>
public sealed class UrlRewrite
{
    /// <summary>Replaces the Host header.</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    /// <summary>Replaces the path or the matched prefix.</summary>
    [JsonPropertyName("path")]
    public PathModifier? Path { get; set; }
}
