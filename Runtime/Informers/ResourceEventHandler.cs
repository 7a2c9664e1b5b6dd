namespace Junction.Runtime.Informers;

/// <summary>An <see cref="IResourceEventHandler{T}"/> made of optional delegates.</summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceEventHandler<T> : IResourceEventHandler<T>
{
    /// <summary>Called for adds.</summary>
    public Action<T, bool>? OnAdd { get; init; }

    /// <summary>Called for updates, with the old and the new object.</summary>
    public Action<T, T>? OnUpdate { get; init; }

    /// <summary>Called for deletes; the flag is true for tombstones found by a relist.</summary>
    public Action<T, bool>? OnDelete { get; init; }

    void IResourceEventHandler<T>.OnAdd(T obj, bool isInInitialList) => OnAdd?.Invoke(obj, isInInitialList);

    void IResourceEventHandler<T>.OnUpdate(T oldObj, T newObj) => OnUpdate?.Invoke(oldObj, newObj);

    void IResourceEventHandler<T>.OnDelete(T obj, bool finalStateUnknown) => OnDelete?.Invoke(obj, finalStateUnknown);
}
