namespace Junction.Distribution;

/// <summary>One generation of one TrafficPolicy.</summary>
/// <param name="Namespace">The policy's namespace.</param>
/// <param name="Name">The policy's name.</param>
/// <param name="Generation">Its <c>metadata.generation</c>.</param>
internal sealed record PolicyGeneration(string Namespace, string Name, long Generation);
