using k8s;
using k8s.Models;
using Junction.Ir;

namespace Junction.Translation;

/// <summary>What a policy translates to.</summary>
/// <param name="Fragment">The policy's IR.</param>
/// <param name="Objects">
/// Desired child objects in apply order: ConfigMap, headless Services, proxy Service, ServiceAccount (agent delivery), Deployment,
/// Ingress (each present only when the policy needs it). Owner references are left to the caller
/// (see <see cref="Objects.ChildObjects.SetController"/>).
/// </param>
/// <param name="HAProxyConfig">The proxy configuration, or null when the policy runs no gateway.</param>
/// <param name="ConfigHash">
/// The gateway bundle's hash (<see cref="PolicyTranslator.BundleHash"/>), which haproxy.cfg carries in
/// its <c>global</c> section; null without a gateway.
/// </param>
/// <param name="Problems">References that do not resolve, in spec order.</param>
internal sealed record TranslationResult(
    ProxyFragment Fragment,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects,
    string? HAProxyConfig,
    string? ConfigHash,
    IReadOnlyList<ReferenceProblem> Problems)
{
    /// <summary>True when every reference resolved.</summary>
    public bool RefsResolved => Problems.Count == 0;
}
