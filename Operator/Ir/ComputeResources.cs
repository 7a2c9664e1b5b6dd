namespace Junction.Ir;

/// <summary>Container resource requests and limits, sorted by resource name.</summary>
/// <param name="Requests">Requested amounts.</param>
/// <param name="Limits">Limits.</param>
internal sealed record ComputeResources(EquatableArray<ResourceAmount> Requests, EquatableArray<ResourceAmount> Limits);
