namespace Junction.Ir;

/// <summary>The workload a sidecar serves.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="ServiceAccount">The pod's service account.</param>
/// <param name="SpiffeId">The workload's own SPIFFE ID.</param>
internal sealed record SidecarWorkload(string Namespace, string ServiceAccount, string SpiffeId);
