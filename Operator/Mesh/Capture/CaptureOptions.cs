using System.Collections.Immutable;

namespace Junction.Mesh.Capture;

/// <summary>
/// The ports and ids the capture rules of a meshed pod use: the sidecar listens on
/// <see cref="OutboundPort"/> (the app's outgoing connections) and <see cref="InboundPort"/>
/// (connections to the app), answers on <see cref="HealthPort"/> (HAProxy) and <see cref="AgentPort"/>
/// (the agent's readiness probe), and runs as
/// <see cref="ProxyUid"/>/<see cref="ProxyGid"/>, whose own connections are never captured.
/// </summary>
internal sealed record CaptureOptions
{
    /// <summary>The proxy's user id (Istio's and Junction's: 1337).</summary>
    public int ProxyUid { get; init; } = 1337;

    /// <summary>The proxy's group id.</summary>
    public int ProxyGid { get; init; } = 1337;

    /// <summary>Where outgoing connections of the app are redirected.</summary>
    public int OutboundPort { get; init; } = 15001;

    /// <summary>Where incoming connections to the app are redirected.</summary>
    public int InboundPort { get; init; } = 15006;

    /// <summary>HAProxy's health and config-version port; reached directly.</summary>
    public int HealthPort { get; init; } = 15020;

    /// <summary>The agent's readiness port (the kubelet's probes); reached directly.</summary>
    public int AgentPort { get; init; } = 15021;

    /// <summary>Incoming ports that reach the app without the proxy (e.g. a debug port).</summary>
    public ImmutableArray<int> ExcludeInboundPorts { get; init; } = [];

    /// <summary>
    /// Destination ports the app dials that bypass the proxy: server-first protocols on ports no
    /// policy declares opaque, which would otherwise wait out the proxy's sniffing delay.
    /// </summary>
    public ImmutableArray<int> ExcludeOutboundPorts { get; init; } = [];

    /// <summary>The ports of the proxy itself, which a redirected connection must never reach (loop guard).</summary>
    public ImmutableArray<int> ProxyPorts => [OutboundPort, InboundPort, HealthPort, AgentPort];
}
