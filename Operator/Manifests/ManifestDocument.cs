namespace Junction.Manifests;

/// <summary>One document of a manifest file or stream.</summary>
/// <param name="Source">The file path, or &lt;stdin&gt;.</param>
/// <param name="Index">1-based position of the document within its source; 0 when the error concerns the whole source (missing, unreadable, empty).</param>
/// <param name="Object">A TrafficPolicy or a k8s.Models.V1Service; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the document could not be read: one problem per line, each "&lt;field path&gt;: &lt;message&gt;" when a field is at fault.</param>
public sealed record ManifestDocument(string Source, int Index, object? Object, string? Error);
