namespace Junction.Agent.Api;

/// <summary>The body of <c>POST /v1/status</c>: what the proxy runs, what it tried last and why that failed.</summary>
/// <param name="Proxy">The proxy (<c>kind/namespace/name</c>).</param>
/// <param name="Instance">The pod name.</param>
/// <param name="Running">The hash the running worker reports, or null when none runs.</param>
/// <param name="Attempted">The hash of the last bundle applied or tried.</param>
/// <param name="Error">HAProxy's text when that attempt failed (a NACK), else null.</param>
internal sealed record StatusReport(string Proxy, string Instance, string? Running, string? Attempted, string? Error);
