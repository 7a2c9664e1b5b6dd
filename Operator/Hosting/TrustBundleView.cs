using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using Junction.Runtime.Informers;
using k8s.Models;

namespace Junction.Hosting;

/// <summary>The trust-bundle reconciler's reads over the informers' caches.</summary>
internal sealed class TrustBundleView(OperatorInformers informers, Informer<V1Namespace>? namespaces) : ITrustBundleView
{
    /// <inheritdoc />
    public IReadOnlyList<TrafficPolicy> PoliciesIn(string ns) => informers.Policies.Cache.ByIndex(Indexers.ByNamespace, ns);

    /// <inheritdoc />
    public V1Namespace? Namespace(string name) => namespaces?.Cache.Get(null, name);

    /// <inheritdoc />
    public V1ConfigMap? ConfigMap(string ns, string name) => informers.ConfigMaps.Cache.Get(ns, name);
}
