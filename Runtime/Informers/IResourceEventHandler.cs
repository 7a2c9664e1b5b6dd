namespace Junction.Runtime.Informers;

/// <summary>
/// Receives an informer's notifications (client-go <c>ResourceEventHandler</c>). Calls for one
/// informer never overlap and arrive in order; keep them fast (enqueue a key, nothing more).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceEventHandler<in T>
{
    /// <summary>An object appeared; <paramref name="isInInitialList"/> when it came from the first list.</summary>
    void OnAdd(T obj, bool isInInitialList);

    /// <summary>An object changed, or a resync or relist re-delivered it (then old and new may be equal).</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>
    /// An object was deleted. <paramref name="finalStateUnknown"/> is the tombstone case: the
    /// deletion was noticed by a relist, and <paramref name="obj"/> is the last state the cache saw.
    /// </summary>
    void OnDelete(T obj, bool finalStateUnknown);
}
