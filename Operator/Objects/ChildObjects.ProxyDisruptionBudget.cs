using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>
    /// The PodDisruptionBudget of a gateway with more than one replica, named &lt;policy&gt;-proxy: a
    /// node drain evicts one proxy pod at a time, so the gateway keeps serving through it. A single
    /// replica gets none, because a budget that allows no eviction would block the drain.
    /// </summary>
    public static V1PodDisruptionBudget ProxyDisruptionBudget(ProxyFragment f) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = Meta(f, ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = ProxySelector(f) },
        },
    };

    /// <summary>Whether a gateway gets a PodDisruptionBudget: only with more than one replica.</summary>
    public static bool NeedsDisruptionBudget(ProxyFragment f) => f.Mode == ProxyMode.Gateway && f.Gateway.Replicas > 1;
}
