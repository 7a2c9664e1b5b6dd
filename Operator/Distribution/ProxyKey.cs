namespace Junction.Distribution;

/// <summary>One proxy as the operator serves it; all its instances (pods) run the same bundle.</summary>
/// <param name="Kind">Gateway or sidecar.</param>
/// <param name="Namespace">The namespace of the gateway Deployment or of the sidecar's pods.</param>
/// <param name="Name">The gateway Deployment's name, or the sidecar's ServiceAccount.</param>
internal sealed record ProxyKey(ProxyKind Kind, string Namespace, string Name);   // Name: gateway Deployment name / sidecar ServiceAccount
