using Junction.Api.V1Alpha1;
using Junction.Ir;

namespace Junction.Reconciliation;

/// <summary>
/// The child names a policy claims, as informer index values (<see cref="ChildKind.Key"/>). Child
/// names are deterministic, so the index answers "which policies want this name" from the cache
/// alone: when a foreign object holding a child's name changes or goes away, the blocked policy
/// is reconciled again without anyone having to remember the conflict.
/// </summary>
internal static class ClaimedChildren
{
    /// <summary>The informer index name of the policies' claimed child names.</summary>
    public const string Index = "claimed-children";

    /// <summary>
    /// Every name the policy's children can have, whatever its proxy mode and Ingress: a claim
    /// of a name a policy does not use costs at most one idle reconcile when that object changes.
    /// </summary>
    public static IEnumerable<string> Of(TrafficPolicy policy)
    {
        var (ns, name) = (policy.Metadata.NamespaceProperty, policy.Metadata.Name);
        var proxy = ChildNames.Proxy(name);
        yield return ChildKind.Ingress.Key(ns, ChildNames.Ingress(name));
        yield return ChildKind.ConfigMap.Key(ns, proxy);
        yield return ChildKind.Service.Key(ns, proxy);
        yield return ChildKind.ServiceAccount.Key(ns, proxy);
        yield return ChildKind.Deployment.Key(ns, proxy);
        yield return ChildKind.DisruptionBudget.Key(ns, proxy);
        foreach (var service in PolicyReferences.Of(policy).Services)
        {
            yield return ChildKind.Service.Key(ns, ChildNames.HeadlessService(service, name));
        }
    }
}
