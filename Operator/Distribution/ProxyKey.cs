namespace Junction.Distribution;

/// <summary>One proxy: every instance (pod) of it runs the same bundle.</summary>
/// <param name="Kind">Gateway or sidecar.</param>
/// <param name="Namespace">The namespace of the gateway or workload.</param>
/// <param name="Name">The gateway Deployment's name, or the sidecar's ServiceAccount.</param>
internal sealed record ProxyKey(ProxyKind Kind, string Namespace, string Name);
