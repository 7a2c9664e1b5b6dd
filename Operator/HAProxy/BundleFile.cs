namespace Junction.HAProxy;

/// <summary>One file of a proxy bundle.</summary>
/// <param name="Name">File name inside the bundle directory.</param>
/// <param name="Text">Its content.</param>
internal sealed record BundleFile(string Name, string Text);
