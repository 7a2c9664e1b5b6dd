using k8s;
using k8s.Models;

namespace Junction.Runtime.Events;

/// <summary>Records <c>core/v1</c> Events about objects, as shown by <c>kubectl describe</c>.</summary>
public interface IEventRecorder
{
    /// <summary>
    /// Records an Event about <paramref name="involvedObject"/>. Never throws: a failure to write
    /// the Event is logged, because an Event must never fail a reconcile.
    /// </summary>
    /// <param name="involvedObject">The object the Event is about; its namespace is the Event's namespace.</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
    /// <param name="reason">A short CamelCase reason, such as <c>ProxyReady</c>.</param>
    /// <param name="message">A human-readable message naming the exact field or object concerned.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task EventAsync(IKubernetesObject<V1ObjectMeta> involvedObject, string type, string reason, string message, CancellationToken cancellationToken = default);
}
