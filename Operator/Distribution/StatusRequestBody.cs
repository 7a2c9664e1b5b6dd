namespace Junction.Distribution;

/// <summary>The body of <c>POST /v1/status</c>: what one proxy instance runs.</summary>
/// <param name="Proxy">The proxy, <c>kind/ns/name</c>.</param>
/// <param name="Instance">The pod name.</param>
/// <param name="Running">The hash the running worker reports, or null.</param>
/// <param name="Attempted">The hash tried last, or null.</param>
/// <param name="Error">HAProxy's error text when that attempt failed, or null.</param>
internal sealed record StatusRequestBody(string? Proxy, string? Instance, string? Running, string? Attempted, string? Error);
