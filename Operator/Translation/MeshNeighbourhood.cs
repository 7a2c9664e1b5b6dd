using Junction.Ir;

namespace Junction.Translation;

/// <summary>
/// The mesh as a gateway policy's namespace sees it, computed by the mesh layer from the
/// Sidecar-mode policies and workloads of the namespace: which Services run behind sidecars, and
/// who the gateway is when it calls them.
/// </summary>
/// <param name="Identity">The gateway's workload identity.</param>
/// <param name="MeshedServices">
/// The meshed Services of the namespace by name: those a Sidecar-mode policy targets or routes to,
/// whose pods therefore run sidecars that take mTLS. Each with the CN its endpoints present, or
/// null when not exactly one service account is known to serve it.
/// </param>
internal sealed record MeshNeighbourhood(GatewayIdentity Identity, IReadOnlyDictionary<string, UpstreamIdentity> MeshedServices)
{
    /// <summary>A namespace without meshed Services.</summary>
    public static MeshNeighbourhood Unmeshed(GatewayIdentity identity) => new(identity, new Dictionary<string, UpstreamIdentity>());
}
