using k8s.Models;

namespace Junction.Translation;

/// <summary>Everything a translation may read besides the policy: a snapshot, never a client.</summary>
/// <param name="Services">Services of the policy's namespace that the policy references, by name.</param>
/// <param name="Secrets">Secrets of the policy's namespace that the policy references, by name.</param>
/// <param name="Options">Operator-wide settings.</param>
/// <param name="AssumeMissingServices">
/// When true, a referenced Service that is absent is assumed to be a ClusterIP Service with exactly
/// the referenced port and selector app: &lt;name&gt;, and an absent TLS Secret is assumed to exist
/// (the render verb has no cluster to ask); when false either is reported as a <see cref="ReferenceProblem"/>.
/// </param>
/// <param name="Mesh">
/// The meshed Services of the policy's namespace and the gateway's identity; null when nothing is
/// known about the mesh (every backend then counts as not meshed).
/// </param>
internal sealed record TranslationContext(
    IReadOnlyDictionary<string, V1Service> Services,
    IReadOnlyDictionary<string, V1Secret> Secrets,
    TranslatorOptions Options,
    bool AssumeMissingServices = false,
    MeshNeighbourhood? Mesh = null)
{
    /// <summary>A context without any Service or Secret.</summary>
    public static TranslationContext Empty(TranslatorOptions? options = null, bool assumeMissingServices = false) =>
        new(new Dictionary<string, V1Service>(), new Dictionary<string, V1Secret>(), options ?? TranslatorOptions.Default, assumeMissingServices);
}
