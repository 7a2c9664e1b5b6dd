namespace Junction.Runtime.Informers;

/// <summary>Ready-made event handlers.</summary>
public static class ResourceEventHandlers
{
    /// <summary>A handler that calls <paramref name="onAny"/> with the (new) object for every notification.</summary>
    public static ResourceEventHandler<T> ForAll<T>(Action<T> onAny) => new()
    {
        OnAdd = (obj, _) => onAny(obj),
        OnUpdate = (_, obj) => onAny(obj),
        OnDelete = (obj, _) => onAny(obj),
    };
}
