namespace Junction.Distribution;

/// <summary>The last report of one proxy instance (pod).</summary>
/// <param name="Proxy">The proxy the instance belongs to.</param>
/// <param name="Instance">The instance's pod name.</param>
/// <param name="Running">The bundle hash the running HAProxy worker reports, or null before the first config runs.</param>
/// <param name="Attempted">The bundle hash the instance tried to apply last, or null.</param>
/// <param name="Error">HAProxy's text when that attempt failed (a NACK), else null.</param>
/// <param name="LastSeen">When the instance last reported.</param>
internal sealed record ProxyInstanceReport(ProxyKey Proxy, string Instance, string? Running, string? Attempted, string? Error, DateTimeOffset LastSeen);
