using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using Junction.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Junction.Hosting;

/// <summary>
/// Maps every cache notification to the policies it concerns: the policy itself, the controller
/// of a child, the policies referencing a Service or Secret, a policy blocked by a foreign object.
/// </summary>
internal static class PolicyTriggers
{
    /// <summary>Wires the informers' event handlers to <paramref name="enqueue"/> (namespace, name).</summary>
    public static void Wire(OperatorInformers informers, ConflictRegistry conflicts, Action<string, string> enqueue)
    {
        informers.Policies.AddEventHandler(new ResourceEventHandler<TrafficPolicy>
        {
            OnAdd = (p, _) => enqueue(p.Metadata.NamespaceProperty, p.Metadata.Name),
            OnUpdate = (old, p) =>
            {
                if (NeedsReconcile(old, p))
                {
                    enqueue(p.Metadata.NamespaceProperty, p.Metadata.Name);
                }
            },
            OnDelete = (p, _) => enqueue(p.Metadata.NamespaceProperty, p.Metadata.Name),
        });
        informers.Services.AddEventHandler(ResourceEventHandlers.ForAll<V1Service>(s =>
        {
            OnChild(ChildKind.Service, s, conflicts, enqueue);
            OnReferenced(informers, OperatorInformers.ByServiceRef, s, enqueue);
        }));
        informers.Secrets.AddEventHandler(ResourceEventHandlers.ForAll<V1Secret>(s => OnReferenced(informers, OperatorInformers.BySecretRef, s, enqueue)));
        informers.Deployments.AddEventHandler(ResourceEventHandlers.ForAll<V1Deployment>(d => OnChild(ChildKind.Deployment, d, conflicts, enqueue)));
        informers.Ingresses.AddEventHandler(ResourceEventHandlers.ForAll<V1Ingress>(i => OnChild(ChildKind.Ingress, i, conflicts, enqueue)));
        informers.ConfigMaps.AddEventHandler(ResourceEventHandlers.ForAll<V1ConfigMap>(c => OnChild(ChildKind.ConfigMap, c, conflicts, enqueue)));
    }

    /// <summary>
    /// A policy update matters when the spec moved (generation), deletion began, or it is a resync
    /// (same resourceVersion). Junction's own status writes change none of these, so they do not
    /// cause a second, idle reconcile of every policy.
    /// </summary>
    public static bool NeedsReconcile(TrafficPolicy old, TrafficPolicy current) =>
        old.Metadata.ResourceVersion == current.Metadata.ResourceVersion
        || old.Metadata.Generation != current.Metadata.Generation
        || old.Metadata.DeletionTimestamp != current.Metadata.DeletionTimestamp
        || old.Metadata.Uid != current.Metadata.Uid;

    private static void OnChild(ChildKind kind, IKubernetesObject<V1ObjectMeta> obj, ConflictRegistry conflicts, Action<string, string> enqueue)
    {
        var ns = obj.Metadata.NamespaceProperty;
        if (Ownership.ControllingPolicyName(obj) is { } owner)
        {
            enqueue(ns, owner);
        }

        if (conflicts.BlockedPolicy(kind.Kind, ns, obj.Metadata.Name) is { } blocked)
        {
            enqueue(ns, blocked);
        }
    }

    private static void OnReferenced(OperatorInformers informers, string index, IKubernetesObject<V1ObjectMeta> obj, Action<string, string> enqueue)
    {
        foreach (var policy in informers.Policies.Cache.ByIndex(index, CacheKeys.For(obj)))
        {
            enqueue(policy.Metadata.NamespaceProperty, policy.Metadata.Name);
        }
    }
}
