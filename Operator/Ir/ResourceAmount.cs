namespace Junction.Ir;

/// <summary>An amount of one resource, as a Kubernetes quantity string.</summary>
/// <param name="Name">cpu, memory, ...</param>
/// <param name="Quantity">e.g. 100m, 64Mi.</param>
internal sealed record ResourceAmount(string Name, string Quantity);
