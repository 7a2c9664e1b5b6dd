using Junction.Api.V1Alpha1;
using Junction.Mesh.Sidecar;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// The reconciler's read side: the informer caches. Reads never reach the API server, so a
/// reconcile that finds nothing to change sends no request at all.
/// </summary>
internal interface IClusterView
{
    /// <summary>The policy, or null when it does not exist (any more).</summary>
    TrafficPolicy? Policy(string ns, string name);

    /// <summary>A Service of the namespace, or null.</summary>
    V1Service? Service(string ns, string name);

    /// <summary>A Secret of the namespace, or null.</summary>
    V1Secret? Secret(string ns, string name);

    /// <summary>
    /// The pods of the namespace that <paramref name="selector"/> selects (a Service's selector), as the
    /// cache holds them: name, labels, deletion state, ServiceAccount and phase only.
    /// </summary>
    IReadOnlyList<V1Pod> Pods(string ns, IDictionary<string, string> selector);

    /// <summary>The object of a child kind with that name, whoever owns it, or null.</summary>
    IKubernetesObject<V1ObjectMeta>? Child(ChildKind kind, string ns, string name);

    /// <summary>The TrafficPolicies of a namespace: whose Sidecar-mode ones tell which Services are meshed.</summary>
    IReadOnlyList<TrafficPolicy> PoliciesIn(string ns) => [];

    /// <summary>
    /// The Sidecar-mode TrafficPolicies of a namespace, the only ones that mesh a Service. Every
    /// reconcile asks, so a view over many policies answers from an index rather than a scan.
    /// </summary>
    IReadOnlyList<TrafficPolicy> SidecarPoliciesIn(string ns) =>
        PoliciesIn(ns).Where(p => p.Spec?.Proxy?.Mode == Api.V1Alpha1.ProxyModes.Sidecar).ToList();

    /// <summary>The workloads of a namespace (their pod labels and service account), which tell who serves a meshed Service.</summary>
    IReadOnlyList<ServingWorkload> WorkloadsIn(string ns) => [];

    /// <summary>Every object of the child kinds whose owner references name <paramref name="policyUid"/>.</summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ChildrenOf(string policyUid);
}
