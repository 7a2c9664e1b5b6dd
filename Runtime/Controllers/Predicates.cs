using k8s;
using k8s.Models;

namespace Junction.Runtime.Controllers;

/// <summary>Update filters for <see cref="EnqueueHandlers.ForObject{T}"/> (controller-runtime predicates).</summary>
public static class Predicates
{
    /// <summary>
    /// Passes updates whose <c>metadata.generation</c> changed (spec edits), and updates
    /// that start or change deletion; drops status-only writes and resyncs.
    /// </summary>
    public static bool GenerationChanged<T>(T oldObj, T newObj)
        where T : IKubernetesObject<V1ObjectMeta> =>
        oldObj.Metadata.Generation != newObj.Metadata.Generation
        || oldObj.Metadata.DeletionTimestamp != newObj.Metadata.DeletionTimestamp
        || !(oldObj.Metadata.Finalizers ?? []).SequenceEqual(newObj.Metadata.Finalizers ?? []);

    /// <summary>Passes updates whose resourceVersion changed: drops resync re-deliveries of unchanged objects.</summary>
    public static bool ResourceVersionChanged<T>(T oldObj, T newObj)
        where T : IKubernetesObject<V1ObjectMeta> =>
        oldObj.Metadata.ResourceVersion != newObj.Metadata.ResourceVersion;

    /// <summary>Passes re-deliveries of an unchanged object (relist and resync): the periodic full reconcile.</summary>
    public static bool Resync<T>(T oldObj, T newObj)
        where T : IKubernetesObject<V1ObjectMeta> =>
        oldObj.Metadata.ResourceVersion == newObj.Metadata.ResourceVersion;

    /// <summary>Passes updates where the name now belongs to another object (deleted and re-created between two lists).</summary>
    public static bool UidChanged<T>(T oldObj, T newObj)
        where T : IKubernetesObject<V1ObjectMeta> =>
        oldObj.Metadata.Uid != newObj.Metadata.Uid;

    /// <summary>Passes an update when any of <paramref name="filters"/> passes it.</summary>
    public static Func<T, T, bool> Any<T>(params Func<T, T, bool>[] filters)
        where T : IKubernetesObject<V1ObjectMeta> =>
        (oldObj, newObj) => filters.Any(f => f(oldObj, newObj));
}
