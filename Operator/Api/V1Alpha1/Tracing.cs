using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>W3C trace context handling.</summary>
public sealed class Tracing
{
    /// <summary>Percent of requests without a traceparent whose new one is marked sampled (flags 01), 0 to 100; the rest get one marked not sampled (00). Incoming traceparent headers are always propagated unchanged.</summary>
    [Range(0, 100)]
    [JsonPropertyName("samplingPercent")]
    public int? SamplingPercent { get; set; }
}
