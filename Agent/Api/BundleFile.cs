namespace Junction.Agent.Api;

/// <summary>One file of a bundle, written into the bundle directory under <paramref name="Name"/>.</summary>
/// <param name="Name">A plain file name (no directories).</param>
/// <param name="Content">The file's text.</param>
internal sealed record BundleFile(string Name, string Content);
