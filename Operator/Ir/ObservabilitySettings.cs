namespace Junction.Ir;

/// <summary>Telemetry of the proxy for this policy.</summary>
/// <param name="AccessLog">One line per request on stdout.</param>
/// <param name="Metrics">Prometheus endpoint on the metrics port.</param>
/// <param name="TraceSamplingPercent">Percent of requests without traceparent that get one; null disables generation (propagation always happens).</param>
internal sealed record ObservabilitySettings(bool AccessLog, bool Metrics, int? TraceSamplingPercent);
