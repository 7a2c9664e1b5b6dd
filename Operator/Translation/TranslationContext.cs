using k8s.Models;

namespace Junction.Translation;

/// <summary>Everything a translation may read besides the policy: a snapshot, never a client.</summary>
/// <param name="Services">Services of the policy's namespace that the policy references, by name.</param>
/// <param name="Secrets">Secrets of the policy's namespace that the policy references, by name.</param>
/// <param name="Options">Operator-wide settings.</param>
/// <param name="AssumeMissingServices">
/// When true, a referenced Service that is absent is assumed to be a ClusterIP Service with exactly
/// the referenced port and selector app: &lt;name&gt; (the render verb has no cluster to ask);
/// when false it is reported as a <see cref="ReferenceProblem"/>.
/// </param>
internal sealed record TranslationContext(
    IReadOnlyDictionary<string, V1Service> Services,
    IReadOnlyDictionary<string, V1Secret> Secrets,
    TranslatorOptions Options,
    bool AssumeMissingServices = false)
{
    /// <summary>A context without any Service or Secret.</summary>
    public static TranslationContext Empty(TranslatorOptions? options = null, bool assumeMissingServices = false) =>
        new(new Dictionary<string, V1Service>(), new Dictionary<string, V1Secret>(), options ?? TranslatorOptions.Default, assumeMissingServices);
}
