using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>W3C trace context handling.</summary>
public sealed class Tracing
{
    /// <summary>Percent of requests without a traceparent that get a new one, 0 to 100. Incoming traceparent headers are always propagated.</summary>
    [Range(0, 100)]
    [JsonPropertyName("samplingPercent")]
    public int? SamplingPercent { get; set; }
}
