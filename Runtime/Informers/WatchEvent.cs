using k8s;

namespace Junction.Runtime.Informers;

/// <summary>One event of a watch stream. ERROR events are not returned: they are thrown as <see cref="ApiStatusException"/>.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">ADDED, MODIFIED, DELETED or BOOKMARK.</param>
/// <param name="Object">The object; for a BOOKMARK only its resourceVersion is meaningful.</param>
/// <param name="DecodeError">
/// Set when the event's object could not be decoded: <paramref name="Object"/> then carries only its
/// apiVersion, kind and metadata, enough to drop the key from a cache and to name it in an Event.
/// </param>
public sealed record WatchEvent<T>(WatchEventType Type, T Object, string? DecodeError = null);
