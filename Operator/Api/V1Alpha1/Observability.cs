using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Telemetry of the proxies.</summary>
public sealed class Observability
{
    /// <summary>One log line per request on the proxy's stdout.</summary>
    [JsonPropertyName("accessLog")]
    public Toggle? AccessLog { get; set; }

    /// <summary>A Prometheus endpoint (/metrics on the metrics port) on every proxy.</summary>
    [JsonPropertyName("metrics")]
    public Toggle? Metrics { get; set; }

    /// <summary>W3C traceparent propagation, and generation for requests that carry none.</summary>
    [JsonPropertyName("tracing")]
    public Tracing? Tracing { get; set; }
}
