namespace Junction.Ir;

/// <summary>
/// How a gateway takes part in the mesh: the backends it reaches over mTLS with its own identity.
/// Backends not listed are reached in plaintext.
/// </summary>
/// <param name="Identity">The certificate the gateway presents.</param>
/// <param name="Upstreams">
/// The backend Services reached over mTLS, by name, with the CN their endpoints must present
/// (null: any certificate of the mesh CA), in name order.
/// </param>
internal sealed record GatewayMesh(GatewayIdentity Identity, EquatableArray<UpstreamIdentity> Upstreams)
{
    /// <summary>The identity an mTLS backend must present, or null when it is reached in plaintext.</summary>
    public UpstreamIdentity? Upstream(string serviceName) => Upstreams.FirstOrDefault(u => u.ServiceName == serviceName);
}
