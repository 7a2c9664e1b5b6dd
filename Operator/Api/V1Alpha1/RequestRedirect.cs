using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A redirect answered by the proxy. Fields left empty keep the request's value.</summary>
public sealed class RequestRedirect
{
    /// <summary>http or https.</summary>
    [AllowedValues("http", "https")]
    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    /// <summary>The host to redirect to.</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    /// <summary>The port to redirect to.</summary>
    [Range(1, 65535)]
    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>Replaces the path.</summary>
    [JsonPropertyName("path")]
    public PathModifier? Path { get; set; }

    /// <summary>301, 302, 303, 307 or 308. Default 302.</summary>
    [AllowedValues(301, 302, 303, 307, 308)]
    [JsonPropertyName("statusCode")]
    public int? StatusCode { get; set; }
}
