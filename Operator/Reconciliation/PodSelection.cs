using Junction.Mesh.Sidecar;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Which pods a Service's selector picks, and which of them run proxies that count.</summary>
internal static class PodSelection
{
    /// <summary>
    /// True when every label of <paramref name="selector"/> is on the pod. An empty selector selects
    /// nothing, as for a Service: a Service without a selector has no pods of its own.
    /// </summary>
    public static bool Selects(IDictionary<string, string>? selector, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (selector is null || selector.Count == 0)
        {
            return false;
        }

        var labels = pod.Metadata?.Labels;
        return labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
    }

    /// <summary>
    /// True for a pod whose proxy must run the policy: neither being deleted nor finished. A pod
    /// that is still pending counts, as a proxy that does not run the config yet.
    /// </summary>
    public static bool Enforces(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata?.DeletionTimestamp is null && pod.Status?.Phase is not ("Succeeded" or "Failed");
    }

    /// <summary>The pod's ServiceAccount: the name of its sidecar proxy.</summary>
    public static string ServiceAccount(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Spec?.ServiceAccountName is { Length: > 0 } account ? account : "default";
    }

    /// <summary>True when two versions of a pod agree on everything status reads: labels, deletion, ServiceAccount and phase.</summary>
    public static bool SameForStatus(V1Pod old, V1Pod current)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(current);
        var (a, b) = (old.Metadata?.Labels ?? new Dictionary<string, string>(), current.Metadata?.Labels ?? new Dictionary<string, string>());
        return a.Count == b.Count && a.All(l => b.TryGetValue(l.Key, out var v) && v == l.Value)
            && (old.Metadata?.DeletionTimestamp is null) == (current.Metadata?.DeletionTimestamp is null)
            && ServiceAccount(old) == ServiceAccount(current)
            && old.Status?.Phase == current.Status?.Phase
            && SidecarPod.HasProxy(old) == SidecarPod.HasProxy(current);
    }

    /// <summary>
    /// What the operator's Pod cache keeps of a pod: name, namespace, uid, resourceVersion, labels,
    /// deletionTimestamp, serviceAccountName, phase and (by name only) Junction's proxy container.
    /// Containers, volumes, annotations and managedFields make up nearly all of a pod and nothing
    /// here reads them.
    /// </summary>
    public static V1Pod Strip(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var meta = pod.Metadata ?? new V1ObjectMeta();
        return new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = meta.Name,
                NamespaceProperty = meta.NamespaceProperty,
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
                Labels = meta.Labels,
                DeletionTimestamp = meta.DeletionTimestamp,
            },
            Spec = pod.Spec?.ServiceAccountName is not null || SidecarPod.HasProxy(pod)
                ? new V1PodSpec { ServiceAccountName = pod.Spec!.ServiceAccountName, InitContainers = Proxy(pod.Spec.InitContainers), Containers = Proxy(pod.Spec.Containers) }
                : null,
            Status = pod.Status?.Phase is { } phase ? new V1PodStatus { Phase = phase } : null,
        };
    }

    // Whether the pod carries the sidecar is all status needs of its containers.
    private static List<V1Container>? Proxy(IList<V1Container>? containers) =>
        containers?.Any(c => c.Name == SidecarPod.ProxyContainer) == true ? [new V1Container { Name = SidecarPod.ProxyContainer }] : null;
}
