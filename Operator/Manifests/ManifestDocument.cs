namespace Junction.Manifests;

/// <summary>One document of a manifest file or stream.</summary>
/// <param name="Source">The file path, or &lt;stdin&gt;.</param>
/// <param name="Index">1-based position of the document within its source; 0 when the error concerns the whole source (missing, unreadable, empty).</param>
/// <param name="Object">
/// A TrafficPolicy, a k8s.Models.V1Service, or a V1Deployment / V1StatefulSet / V1Pod (read for the
/// service accounts that serve Services, never checked); null when <paramref name="Error"/> is set or
/// the document is of another kind.
/// </param>
/// <param name="Error">Why the document could not be read: one problem per line, each "&lt;field path&gt;: &lt;message&gt;" when a field is at fault.</param>
public sealed record ManifestDocument(string Source, int Index, object? Object, string? Error)
{
    /// <summary>True for a well-formed document of a kind Junction does not read (a Namespace, a Deployment): skipped, not an error.</summary>
    public bool Skipped => Error is null && Object is not (Api.V1Alpha1.TrafficPolicy or k8s.Models.V1Service);

    /// <summary>Where the document is, as CLI messages print it: &lt;file&gt;:&lt;document&gt;, or the file alone for whole-source errors.</summary>
    public string Location => Index == 0
        ? Source
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source}:{Index}");
}
