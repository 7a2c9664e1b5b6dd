using k8s;

namespace Junction.Runtime.Informers;

/// <summary>One event of a watch stream. ERROR events are not returned: they are thrown as <see cref="ApiStatusException"/>.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">ADDED, MODIFIED, DELETED or BOOKMARK.</param>
/// <param name="Object">The object; for a BOOKMARK only its resourceVersion is meaningful.</param>
public sealed record WatchEvent<T>(WatchEventType Type, T Object);
