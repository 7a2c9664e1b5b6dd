using System.Reflection;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Events;

/// <summary>
/// Writes <c>core/v1</c> Events, correlated like client-go's <c>EventCorrelator</c>: a repeat of the same
/// object, type, reason and message within the aggregation window patches the existing Event's
/// <c>count</c> and <c>lastTimestamp</c>; many similar Events that differ only in their message are
/// combined into one; and a per-object spam filter drops what exceeds its budget.
/// </summary>
public sealed class EventRecorder : IEventRecorder
{
    private readonly EventCorrelator correlator;
    private readonly IEventSink sink;
    private readonly EventRecorderOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary>Creates a recorder writing to <paramref name="sink"/>.</summary>
    public EventRecorder(IEventSink sink, EventRecorderOptions options, TimeProvider timeProvider, ILogger logger)
    {
        this.sink = sink;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        correlator = new EventCorrelator(options);
    }

    /// <summary>Creates a recorder writing through <paramref name="client"/>.</summary>
    public EventRecorder(IKubernetes client, EventRecorderOptions options, TimeProvider timeProvider, ILogger logger)
        : this(new KubernetesEventSink(client), options, timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public async Task EventAsync(IKubernetesObject<V1ObjectMeta> involvedObject, string type, string reason, string message, CancellationToken cancellationToken = default)
    {
        var reference = Reference(involvedObject);
        if (message.Length > options.MaxMessageLength)
        {
            message = message[..options.MaxMessageLength];
        }

        var target = $"{reference.NamespaceProperty}/{reference.Name}";
        EventLog.Occurred(logger, target, reference.Kind, type, reason, message);
        var now = timeProvider.GetUtcNow();
        var (write, key) = correlator.Correlate(reference, type, reason, message, now);
        try
        {
            // Decided under the correlator's lock, written outside it: Events about different objects
            // never wait for each other's API round trips.
            switch (write)
            {
                case EventWrite.Dropped:
                    EventLog.Dropped(logger, target, type, reason);
                    break;
                case EventWrite.Patch patch when await sink.UpdateCountAsync(patch.Namespace, patch.Name, patch.Count, patch.LastTimestamp, cancellationToken).ConfigureAwait(false):
                    break;
                case EventWrite.Patch:
                    await sink.CreateAsync(correlator.Recreate(key, reference, message, now).Event, cancellationToken).ConfigureAwait(false);
                    break;
                case EventWrite.Create create:
                    await sink.CreateAsync(create.Event, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception error)
        {
            correlator.Forget(key);
            EventLog.WriteFailed(logger, error, target, reason, type);
        }
    }

    private static V1ObjectReference Reference(IKubernetesObject<V1ObjectMeta> obj)
    {
        var entity = obj.GetType().GetCustomAttribute<KubernetesEntityAttribute>();
        var apiVersion = obj.ApiVersion ?? (entity is null ? null : string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}");
        return new V1ObjectReference
        {
            ApiVersion = apiVersion,
            Kind = obj.Kind ?? entity?.Kind,
            Name = obj.Metadata.Name,
            NamespaceProperty = obj.Metadata.NamespaceProperty,
            Uid = obj.Metadata.Uid,
            ResourceVersion = obj.Metadata.ResourceVersion,
        };
    }
}
