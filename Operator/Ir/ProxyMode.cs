namespace Junction.Ir;

/// <summary>Which proxies enforce a policy.</summary>
internal enum ProxyMode
{
    /// <summary>A proxy Deployment in front of the target.</summary>
    Gateway,
    /// <summary>Proxies injected into application pods (not produced yet).</summary>
    Sidecar,
    /// <summary>No proxy: only the Ingress, straight to the target.</summary>
    None,
}
