namespace Junction.Agent.Api;

/// <summary>A TrafficPolicy generation a bundle includes.</summary>
/// <param name="Namespace">The policy's namespace.</param>
/// <param name="Name">The policy's name.</param>
/// <param name="Generation">Its <c>metadata.generation</c>.</param>
internal sealed record PolicyGeneration(string Namespace, string Name, long Generation);
