using Junction.Runtime.Events;
using k8s;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>Records Events instead of writing them.</summary>
internal sealed class RecordingEventRecorder : IEventRecorder
{
    public List<(string Object, string Type, string Reason, string Message)> Events { get; } = [];

    public Task EventAsync(IKubernetesObject<V1ObjectMeta> involvedObject, string type, string reason, string message, CancellationToken cancellationToken = default)
    {
        Events.Add(($"{involvedObject.Kind} {involvedObject.Metadata.NamespaceProperty}/{involvedObject.Metadata.Name}", type, reason, message));
        return Task.CompletedTask;
    }
}
