namespace Junction.Mesh.Sidecar;

/// <summary>The workload whose sidecar is rendered.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="ServiceAccount">The pod's service account.</param>
/// <param name="PodLabels">The pod's labels, which decide the policies whose target selects it.</param>
internal sealed record SidecarRequest(string Namespace, string ServiceAccount, IReadOnlyDictionary<string, string> PodLabels);
