using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>The trust-bundle reconciler's caches as lists a test fills.</summary>
internal sealed class InMemoryTrustBundleView : ITrustBundleView
{
    public List<TrafficPolicy> Policies { get; } = [];

    public Dictionary<string, V1Namespace> Namespaces { get; } = [];

    public Dictionary<(string, string), V1ConfigMap> ConfigMaps { get; } = [];

    public IReadOnlyList<TrafficPolicy> PoliciesIn(string ns) => Policies.Where(p => p.Metadata.NamespaceProperty == ns).ToList();

    public V1Namespace? Namespace(string name) => Namespaces.GetValueOrDefault(name);

    public V1ConfigMap? ConfigMap(string ns, string name) => ConfigMaps.GetValueOrDefault((ns, name));
}
