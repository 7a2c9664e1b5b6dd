using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Runtime.Informers;
using Junction.Runtime.Queue;
using k8s;
using k8s.Models;

namespace Junction.Hosting;

/// <summary>
/// Maps every cache notification to the policies it concerns, with the runtime's enqueue
/// handlers: the policy itself, the controller of a child, the policies referencing a Service or
/// Secret, and the policies whose deterministic child names claim the object's name (so a policy
/// blocked by a foreign object is reconciled when that object changes or goes away).
/// </summary>
internal static class PolicyTriggers
{
    // Junction's own status writes change none of these, so they do not cause a second, idle reconcile of every policy.
    private static readonly Func<TrafficPolicy, TrafficPolicy, bool> PolicyUpdateFilter =
        Predicates.Any<TrafficPolicy>(Predicates.Resync, Predicates.GenerationChanged, Predicates.UidChanged);

    /// <summary>Wires the informers' event handlers to <paramref name="queue"/>.</summary>
    public static void Wire(OperatorInformers informers, IWorkQueue<ReconcileRequest> queue)
    {
        var policies = informers.Policies.Cache;
        informers.Policies.AddEventHandler(EnqueueHandlers.ForObject(queue, PolicyUpdateFilter));
        informers.Services.AddEventHandler(EnqueueHandlers.ForMapped<V1Service>(queue, s => Referencing(policies, OperatorInformers.ByServiceRef, s)));
        informers.Secrets.AddEventHandler(EnqueueHandlers.ForMapped<V1Secret>(queue, s => Referencing(policies, OperatorInformers.BySecretRef, s)));
        // A gateway's identity Secret is written by its policy's reconcile; a change or delete brings it back.
        informers.Secrets.AddEventHandler(EnqueueHandlers.ForOwner<V1Secret>(queue, TrafficPolicy.Group, TrafficPolicy.KindName));
        // Whether a gateway's backend is meshed depends on the other policies that name it (Sidecar mode).
        informers.Policies.AddEventHandler(EnqueueHandlers.ForMapped<TrafficPolicy>(queue, p => SharingServices(policies, p)));
        informers.Deployments.AddEventHandler(EnqueueHandlers.ForMapped<V1Deployment>(queue, d => ServedBy(informers, d)));
        WireChild(informers.Services, ChildKind.Service, policies, queue);
        WireChild(informers.ServiceAccounts, ChildKind.ServiceAccount, policies, queue);
        WireChild(informers.Deployments, ChildKind.Deployment, policies, queue);
        WireChild(informers.Ingresses, ChildKind.Ingress, policies, queue);
        WireChild(informers.ConfigMaps, ChildKind.ConfigMap, policies, queue);
        WireChild(informers.DisruptionBudgets, ChildKind.DisruptionBudget, policies, queue);
        informers.Pods.AddEventHandler(ForPods(informers, queue));
    }

    /// <summary>
    /// Re-queues the policies of a proxy whenever its reports change (an ACK, a NACK, an instance
    /// gone silent), so that status follows what the proxies run without waiting for a resync.
    /// </summary>
    public static void WireReports(IProxyReports reports, InformerCache<TrafficPolicy> policies, IWorkQueue<ReconcileRequest> queue)
    {
        ArgumentNullException.ThrowIfNull(reports);
        reports.Changed += proxy =>
        {
            foreach (var request in PoliciesOf(proxy, policies))
            {
                queue.Add(request);
            }
        };
    }

    /// <summary>
    /// The policies whose status counts a proxy: the policy whose gateway Deployment it is, or every
    /// Sidecar-mode policy of a sidecar's namespace (which of them cover the ServiceAccount's pods
    /// the reconcile finds out; a policy that does not costs one reconcile that writes nothing).
    /// </summary>
    public static IEnumerable<ReconcileRequest> PoliciesOf(ProxyKey proxy, InformerCache<TrafficPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(policies);
        var found = proxy.Kind == ProxyKind.Gateway
            ? policies.ByIndex(ClaimedChildren.Index, ChildKind.Deployment.Key(proxy.Namespace, proxy.Name))
            : policies.ByIndex(Indexers.ByNamespace, proxy.Namespace).Where(IsSidecar);
        return found.Select(EnqueueHandlers.RequestFor);
    }

    /// <summary>
    /// The Sidecar-mode policies whose target Service selects the pod. Only what the Pod cache keeps
    /// of a pod matters, so an update that changes none of it (say, a readiness flip) is dropped.
    /// </summary>
    public static IEnumerable<ReconcileRequest> PoliciesCovering(V1Pod pod, InformerCache<TrafficPolicy> policies, IClusterView view)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(view);
        var ns = pod.Metadata.NamespaceProperty ?? "";
        return policies.ByIndex(Indexers.ByNamespace, ns)
            .Where(IsSidecar)
            .Where(p => PodSelection.Selects(view.Service(ns, p.Spec?.TargetRef?.Name ?? "")?.Spec?.Selector, pod))
            .Select(EnqueueHandlers.RequestFor);
    }

    private static bool IsSidecar(TrafficPolicy policy) => policy.Spec?.Proxy?.Mode == ProxyModes.Sidecar;

    private static ResourceEventHandler<V1Pod> ForPods(OperatorInformers informers, IWorkQueue<ReconcileRequest> queue)
    {
        void Enqueue(V1Pod pod)
        {
            foreach (var request in PoliciesCovering(pod, informers.Policies.Cache, informers))
            {
                queue.Add(request);
            }
        }

        return new ResourceEventHandler<V1Pod>
        {
            OnAdd = (pod, _) => Enqueue(pod),
            OnUpdate = (old, pod) =>
            {
                if (!PodSelection.SameForStatus(old, pod))
                {
                    Enqueue(old);
                    Enqueue(pod);
                }
            },
            OnDelete = (pod, _) => Enqueue(pod),
        };
    }

    /// <summary>
    /// A policy update matters when the spec moved (generation), deletion began, the name holds a
    /// new object, or it is a resync (same resourceVersion); a status-only write does not.
    /// </summary>
    public static bool NeedsReconcile(TrafficPolicy old, TrafficPolicy current) => PolicyUpdateFilter(old, current);

    /// <summary>Enqueues the policies that claim an object's name as a child of <paramref name="kind"/>.</summary>
    public static IResourceEventHandler<T> ForClaimants<T>(ChildKind kind, InformerCache<TrafficPolicy> policies, IWorkQueue<ReconcileRequest> queue)
        where T : IKubernetesObject<V1ObjectMeta> =>
        EnqueueHandlers.ForMapped<T>(queue, obj =>
            policies.ByIndex(ClaimedChildren.Index, kind.Key(obj.Metadata.NamespaceProperty, obj.Metadata.Name)).Select(EnqueueHandlers.RequestFor));

    private static void WireChild<T>(Informer<T> informer, ChildKind kind, InformerCache<TrafficPolicy> policies, IWorkQueue<ReconcileRequest> queue)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        informer.AddEventHandler(EnqueueHandlers.ForOwner<T>(queue, TrafficPolicy.Group, TrafficPolicy.KindName));
        informer.AddEventHandler(ForClaimants<T>(kind, policies, queue));
    }

    private static IEnumerable<ReconcileRequest> SharingServices(InformerCache<TrafficPolicy> policies, TrafficPolicy changed) =>
        PolicyReferences.Of(changed).Services
            .SelectMany(s => policies.ByIndex(OperatorInformers.ByServiceRef, CacheKeys.For(changed.Metadata.NamespaceProperty, s)))
            .Where(p => p.Metadata.Name != changed.Metadata.Name)
            .Distinct()
            .Select(EnqueueHandlers.RequestFor);

    // A workload's service account is the identity a meshed gateway checks on the Services selecting its pods.
    private static IEnumerable<ReconcileRequest> ServedBy(OperatorInformers informers, V1Deployment deployment)
    {
        if (Mesh.Sidecar.ServingWorkload.From(deployment) is not { } workload || workload.Labels.Count == 0)
        {
            return [];
        }

        return informers.Services.Cache.List()
            .Where(s => s.Metadata.NamespaceProperty == workload.Namespace && Mesh.Sidecar.ServingAccounts.Selects(s, workload.Labels))
            .SelectMany(s => Referencing(informers.Policies.Cache, OperatorInformers.ByServiceRef, s));
    }

    private static IEnumerable<ReconcileRequest> Referencing(InformerCache<TrafficPolicy> policies, string index, IKubernetesObject<V1ObjectMeta> obj) =>
        policies.ByIndex(index, CacheKeys.For(obj)).Select(EnqueueHandlers.RequestFor);
}
