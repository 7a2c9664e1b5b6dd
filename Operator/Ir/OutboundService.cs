namespace Junction.Ir;

/// <summary>
/// One Service a sidecar's workload may call that a Sidecar-mode policy covers: the policy's
/// whole fragment (routes, splits, retries, timeouts, limits, checks) and how calls are recognised.
/// </summary>
/// <param name="Fragment">The covering policy's IR.</param>
/// <param name="Hosts">Host header values (lower case, port removed) that mean the Service.</param>
/// <param name="Port">The Service port the policy covers.</param>
/// <param name="ClusterIp">The Service's virtual IP, or null when unknown (then only Host routes).</param>
/// <param name="Upstreams">How each backend Service's endpoints prove who they are.</param>
internal sealed record OutboundService(
    ProxyFragment Fragment,
    EquatableArray<string> Hosts,
    int Port,
    string? ClusterIp,
    EquatableArray<UpstreamIdentity> Upstreams);
