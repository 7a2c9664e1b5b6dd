namespace Junction.Ir;

/// <summary>A path exposed by the Ingress.</summary>
/// <param name="Path">The path.</param>
/// <param name="PathType">Prefix, Exact or ImplementationSpecific.</param>
internal sealed record IngressRoutePath(string Path, string PathType);
