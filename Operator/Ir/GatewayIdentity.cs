namespace Junction.Ir;

/// <summary>
/// Who a gateway is in the mesh: the workload identity of its pods, whose certificate it presents
/// to meshed backends. The operator keeps the certificate in a Secret of the gateway's namespace,
/// mounted where the sidecars keep theirs.
/// </summary>
/// <param name="SecretName">The Secret holding <c>tls.pem</c> (leaf + key) and <c>ca.pem</c> (trust bundle).</param>
/// <param name="ServiceAccount">The service account the gateway pods run as.</param>
/// <param name="SpiffeId">The SPIFFE ID of its certificate: <c>spiffe://&lt;trust-domain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>.</param>
/// <param name="CommonName">The certificate's CN, <c>&lt;sa&gt;.&lt;ns&gt;</c> (hashed when longer than 64).</param>
internal sealed record GatewayIdentity(string SecretName, string ServiceAccount, string SpiffeId, string CommonName)
{
    /// <summary>
    /// The service account gateway pods run as: the namespace's default one, until gateways get
    /// their own (with the agent, which authenticates with it).
    /// </summary>
    public const string GatewayServiceAccount = "default";
}
