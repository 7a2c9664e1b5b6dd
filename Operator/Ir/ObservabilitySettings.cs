namespace Junction.Ir;

/// <summary>Telemetry of the proxy for this policy.</summary>
/// <param name="AccessLog">One line per request on stdout.</param>
/// <param name="Metrics">Prometheus endpoint on the metrics port.</param>
/// <param name="TraceSamplingPercent">
/// Percent of requests without a traceparent whose new one is marked sampled (flags 01); the rest
/// get one marked not sampled (flags 00). Null disables generation (propagation always happens).
/// </param>
internal sealed record ObservabilitySettings(bool AccessLog, bool Metrics, int? TraceSamplingPercent);
