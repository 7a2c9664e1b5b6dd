namespace Junction.Ir;

/// <summary>
/// How endpoint addresses are found in DNS. With a <see cref="Port"/>, the name's A records are
/// used with that port; without one, <see cref="Name"/> is an SRV name
/// (<c>_port._tcp.svc.ns.svc.domain</c>) whose records carry each endpoint's real port, which is
/// how a named targetPort resolves correctly.
/// </summary>
/// <param name="Name">Fully qualified DNS name.</param>
/// <param name="Port">Endpoint port for A-record discovery; null for SRV.</param>
internal sealed record EndpointDiscovery(string Name, int? Port)
{
    /// <summary>True for SRV discovery.</summary>
    public bool IsSrv => Port is null;
}
