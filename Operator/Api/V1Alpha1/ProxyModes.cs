namespace Junction.Api.V1Alpha1;

/// <summary>The values of spec.proxy.mode.</summary>
public static class ProxyModes
{
    /// <summary>A proxy Deployment in front of the target.</summary>
    public const string Gateway = "Gateway";
    /// <summary>Proxies injected into application pods.</summary>
    public const string Sidecar = "Sidecar";
    /// <summary>No proxy: the Ingress points at the target.</summary>
    public const string None = "None";
}
