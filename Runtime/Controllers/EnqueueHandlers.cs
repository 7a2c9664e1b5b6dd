using Junction.Runtime.Informers;
using Junction.Runtime.Queue;
using k8s;
using k8s.Models;

namespace Junction.Runtime.Controllers;

/// <summary>
/// Informer handlers that turn notifications into reconcile requests (controller-runtime's
/// <c>handler.EnqueueRequestForObject</c>, <c>EnqueueRequestForOwner</c> and
/// <c>EnqueueRequestsFromMapFunc</c>). Updates enqueue for both the old and the new object,
/// so that a reference that moved away is reconciled too.
/// </summary>
public static class EnqueueHandlers
{
    /// <summary>Enqueues the object's own key. <paramref name="updateFilter"/> may drop updates (see <see cref="Predicates"/>).</summary>
    public static IResourceEventHandler<T> ForObject<T>(IWorkQueue<ReconcileRequest> queue, Func<T, T, bool>? updateFilter = null)
        where T : IKubernetesObject<V1ObjectMeta> => new ResourceEventHandler<T>
        {
            OnAdd = (obj, _) => queue.Add(RequestFor(obj)),
            OnUpdate = (old, obj) =>
            {
                if (updateFilter?.Invoke(old, obj) ?? true)
                {
                    queue.Add(RequestFor(obj));
                }
            },
            OnDelete = (obj, _) => queue.Add(RequestFor(obj)),
        };

    /// <summary>
    /// Enqueues the owner named by the object's controller owner reference when that owner is of
    /// <paramref name="ownerKind"/> in <paramref name="ownerApiGroup"/> (children live in their owner's namespace).
    /// </summary>
    public static IResourceEventHandler<T> ForOwner<T>(IWorkQueue<ReconcileRequest> queue, string ownerApiGroup, string ownerKind)
        where T : IKubernetesObject<V1ObjectMeta> =>
        ForMapped<T>(queue, obj => OwnerRequests(obj, ownerApiGroup, ownerKind));

    /// <summary>Enqueues whatever <paramref name="map"/> returns for the object, e.g. the policies that reference a Service.</summary>
    public static IResourceEventHandler<T> ForMapped<T>(IWorkQueue<ReconcileRequest> queue, Func<T, IEnumerable<ReconcileRequest>> map)
    {
        void Enqueue(T obj)
        {
            foreach (var request in map(obj))
            {
                queue.Add(request);
            }
        }

        return new ResourceEventHandler<T>
        {
            OnAdd = (obj, _) => Enqueue(obj),
            OnUpdate = (old, obj) =>
            {
                Enqueue(old);
                Enqueue(obj);
            },
            OnDelete = (obj, _) => Enqueue(obj),
        };
    }

    /// <summary>The request that reconciles <paramref name="obj"/> itself.</summary>
    public static ReconcileRequest RequestFor(IKubernetesObject<V1ObjectMeta> obj) =>
        new(obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name);

    private static IEnumerable<ReconcileRequest> OwnerRequests(IKubernetesObject<V1ObjectMeta> obj, string ownerApiGroup, string ownerKind) =>
        (obj.Metadata.OwnerReferences ?? [])
            .Where(o => o.Controller == true && o.Kind == ownerKind && GroupOf(o.ApiVersion) == ownerApiGroup)
            .Select(o => new ReconcileRequest(obj.Metadata.NamespaceProperty ?? "", o.Name));

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
