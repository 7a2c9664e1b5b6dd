using k8s.Models;

namespace Junction.Runtime.Events;

/// <summary>Where Events are written.</summary>
public interface IEventSink
{
    /// <summary>Creates the Event.</summary>
    Task CreateAsync(Corev1Event coreEvent, CancellationToken cancellationToken);

    /// <summary>Updates the count and last timestamp of an existing Event; returns false when it no longer exists.</summary>
    Task<bool> UpdateCountAsync(string @namespace, string name, int count, DateTimeOffset lastTimestamp, CancellationToken cancellationToken);
}
