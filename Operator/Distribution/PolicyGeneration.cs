namespace Junction.Distribution;

/// <summary>One generation of one TrafficPolicy, as a bundle includes it.</summary>
/// <param name="Namespace">The policy's namespace.</param>
/// <param name="Name">The policy's name.</param>
/// <param name="Generation">The policy's metadata.generation.</param>
internal sealed record PolicyGeneration(string Namespace, string Name, long Generation);
