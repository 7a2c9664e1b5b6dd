namespace Junction.Distribution;

/// <summary>What one instance (pod) of a proxy last reported.</summary>
/// <param name="Proxy">The proxy.</param>
/// <param name="Instance">The pod name.</param>
/// <param name="Running">The bundle hash the running HAProxy worker reports, or null when none runs.</param>
/// <param name="Attempted">The hash the agent tried to apply last, or null.</param>
/// <param name="Error">HAProxy's error text when that attempt failed (a NACK), else null.</param>
/// <param name="LastSeen">When the operator last heard from the instance.</param>
internal sealed record ProxyInstanceReport(ProxyKey Proxy, string Instance, string? Running, string? Attempted, string? Error, DateTimeOffset LastSeen);
