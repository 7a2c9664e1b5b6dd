namespace Junction.Distribution;

/// <summary>One policy generation a bundle includes.</summary>
/// <param name="Namespace">The policy's namespace.</param>
/// <param name="Name">The policy's name.</param>
/// <param name="Generation">Its generation.</param>
internal sealed record GenerationBody(string Namespace, string Name, long Generation);
