using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Mesh.Sidecar;
using Junction.Translation;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// The proxies that must run a policy and report it through the agent: a gateway's replicas, or
/// the sidecars of the pods the policy's target Service selects.
/// </summary>
/// <param name="Proxies">The proxies whose instances count.</param>
/// <param name="Expected">How many instances must run the policy (M of "N of M").</param>
/// <param name="Pods">For sidecars, the pods that count (a ServiceAccount's sidecar may also run in pods the policy does not cover); null for a gateway, whose every instance counts.</param>
/// <param name="Description">What the instances are, for messages: "replicas of Deployment shop/checkout-proxy".</param>
internal sealed record ProxyScope(IReadOnlyList<ProxyKey> Proxies, int Expected, IReadOnlySet<string>? Pods, string Description)
{
    /// <summary>For sidecars: the namespace of <see cref="Pods"/>.</summary>
    public string? PodNamespace { get; init; }

    /// <summary>For sidecars: the pods of <see cref="Pods"/> whose spec shows no Junction proxy container (sorted); null for a gateway.</summary>
    public IReadOnlyList<string>? WithoutProxyContainer { get; init; }

    /// <summary>
    /// The scope of a policy, or null when its status does not come from proxy reports: mode None,
    /// a rejected spec, or gateways delivered by rollout (their status comes from the Deployment).
    /// </summary>
    public static ProxyScope? For(TrafficPolicy policy, PolicyPlan plan, IClusterView view, ConfigDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(view);
        if (plan.Rejected)
        {
            return null;
        }

        var ns = policy.Metadata.NamespaceProperty;
        var mode = policy.Spec?.Proxy?.Mode ?? ProxyModes.Gateway;
        if (mode == ProxyModes.Sidecar)
        {
            var target = policy.Spec?.TargetRef?.Name ?? "";
            var selector = view.Service(ns, target)?.Spec?.Selector;
            var pods = selector is { Count: > 0 } ? view.Pods(ns, selector).Where(PodSelection.Enforces).ToList() : [];
            var accounts = pods.Select(PodSelection.ServiceAccount).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return new ProxyScope(
                accounts.Select(a => new ProxyKey(ProxyKind.Sidecar, ns, a)).ToList(),
                pods.Count,
                pods.Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal),
                $"sidecars of the pods Service {ns}/{target} selects")
            {
                PodNamespace = ns,
                WithoutProxyContainer = pods.Where(p => !SidecarPod.HasProxy(p)).Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).ToList(),
            };
        }

        if (mode == ProxyModes.Gateway && delivery == ConfigDelivery.Agent && plan.Desired.OfType<V1Deployment>().FirstOrDefault() is { } deployment)
        {
            var name = deployment.Metadata.Name;
            return new ProxyScope([new ProxyKey(ProxyKind.Gateway, ns, name)], deployment.Spec?.Replicas ?? 1, null, $"replicas of Deployment {ns}/{name}");
        }

        return null;
    }
}
