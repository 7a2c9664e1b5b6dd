using Junction.Api.V1Alpha1;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>What the trust-bundle reconciler reads, from the informers' caches.</summary>
internal interface ITrustBundleView
{
    /// <summary>The TrafficPolicies of a namespace.</summary>
    IReadOnlyList<TrafficPolicy> PoliciesIn(string ns);

    /// <summary>The Namespace object, or null when it is not known (absent, or namespaces are not watched).</summary>
    V1Namespace? Namespace(string name);

    /// <summary>The ConfigMap, or null.</summary>
    V1ConfigMap? ConfigMap(string ns, string name);
}
