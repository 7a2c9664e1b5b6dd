using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Timeouts as Kubernetes-style durations (250ms, 5s, 1m, 1h).</summary>
public sealed class Timeouts
{
    /// <summary>Time allowed to open a connection to a backend endpoint. Default 5s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("connect")]
    public string? Connect { get; set; }

    /// <summary>Time allowed for the whole request, retries included, before the client gets 504. Default 15s.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("request")]
    public string? Request { get; set; }

    /// <summary>Time allowed for one attempt at a backend before it counts as failed.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("backendRequest")]
    public string? BackendRequest { get; set; }

    /// <summary>Time an idle client or backend connection (or TCP stream) is kept open. Default 5m.</summary>
    [RegularExpression(Duration.Pattern)]
    [JsonPropertyName("idle")]
    public string? Idle { get; set; }
}
