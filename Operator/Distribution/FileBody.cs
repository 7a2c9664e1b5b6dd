namespace Junction.Distribution;

/// <summary>One file of a bundle.</summary>
/// <param name="Name">Its name in the bundle directory.</param>
/// <param name="Content">Its text.</param>
internal sealed record FileBody(string Name, string Content);
