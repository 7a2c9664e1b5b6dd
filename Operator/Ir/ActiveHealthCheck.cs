namespace Junction.Ir;

/// <summary>Active checks: GET <see cref="Path"/> expecting 2xx/3xx, or a TCP connect when the path is null.</summary>
/// <param name="Path">The probed path, or null for a connect check.</param>
/// <param name="Interval">Time between checks.</param>
/// <param name="Timeout">Time allowed for one check.</param>
/// <param name="HealthyThreshold">Successes that mark an endpoint up.</param>
/// <param name="UnhealthyThreshold">Failures that mark an endpoint down.</param>
internal sealed record ActiveHealthCheck(string? Path, TimeSpan Interval, TimeSpan Timeout, int HealthyThreshold, int UnhealthyThreshold);
