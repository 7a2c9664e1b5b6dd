using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Faults the proxy injects on purpose. A request picked for both is delayed first, then aborted.</summary>
public sealed class FaultInjection
{
    /// <summary>Answers a share of requests with an error status instead of forwarding them.</summary>
    [JsonPropertyName("abort")]
    public FaultAbort? Abort { get; set; }

    /// <summary>Holds a share of requests for a fixed time before forwarding them.</summary>
    [JsonPropertyName("delay")]
    public FaultDelay? Delay { get; set; }
}
