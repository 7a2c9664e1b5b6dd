using System.Globalization;
using System.Reflection;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Events;

/// <summary>
/// Writes <c>core/v1</c> Events and aggregates repeats like client-go's EventCorrelator: the
/// same object, type, reason and message within the aggregation window patches the existing
/// Event's <c>count</c> and <c>lastTimestamp</c> instead of creating another Event.
/// </summary>
public sealed class EventRecorder : IEventRecorder
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<EventKey, LinkedListNode<RecordedEvent>> recent = [];
    private readonly LinkedList<RecordedEvent> byRecency = new();
    private readonly IEventSink sink;
    private readonly EventRecorderOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private long lastSuffix;

    /// <summary>Creates a recorder writing to <paramref name="sink"/>.</summary>
    public EventRecorder(IEventSink sink, EventRecorderOptions options, TimeProvider timeProvider, ILogger logger)
    {
        this.sink = sink;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
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
        EventLog.Occurred(logger, $"{reference.NamespaceProperty}/{reference.Name}", reference.Kind, type, reason, message);
        var key = new EventKey(reference.ApiVersion, reference.Kind, reference.NamespaceProperty ?? "", reference.Name, reference.Uid ?? "", type, reason, message);
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = timeProvider.GetUtcNow();
                if (!await TryAggregateAsync(key, now, cancellationToken).ConfigureAwait(false))
                {
                    await CreateAsync(key, reference, now, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception error)
        {
            EventLog.WriteFailed(logger, error, $"{reference.NamespaceProperty}/{reference.Name}", reason, type);
        }
    }

    private async Task<bool> TryAggregateAsync(EventKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!recent.TryGetValue(key, out var node) || now - node.Value.LastTimestamp > options.AggregationWindow)
        {
            return false;
        }
        var seen = node.Value;
        var count = seen.Count + 1;
        if (!await sink.UpdateCountAsync(seen.Namespace, seen.Name, count, now, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        byRecency.Remove(node);
        node.Value = seen with { Count = count, LastTimestamp = now };
        byRecency.AddFirst(node);
        return true;
    }

    private async Task CreateAsync(EventKey key, V1ObjectReference reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var @namespace = string.IsNullOrEmpty(key.Namespace) ? "default" : key.Namespace;
        var coreEvent = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{key.Name}.{UniqueSuffix(now)}", NamespaceProperty = @namespace },
            InvolvedObject = reference,
            Type = key.Type,
            Reason = key.Reason,
            Message = key.Message,
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = options.Component, Host = options.Instance },
            ReportingComponent = options.Component,
            ReportingInstance = options.Instance,
        };
        await sink.CreateAsync(coreEvent, cancellationToken).ConfigureAwait(false);
        Remember(key, new RecordedEvent(key, @namespace, coreEvent.Metadata.Name, 1, now));
    }

    private void Remember(EventKey key, RecordedEvent recorded)
    {
        if (recent.Remove(key, out var old))
        {
            byRecency.Remove(old);
        }
        recent[key] = byRecency.AddFirst(recorded);
        while (recent.Count > options.CacheSize)
        {
            var oldest = byRecency.Last!;
            byRecency.RemoveLast();
            recent.Remove(oldest.Value.Key);
        }
    }

    // client-go names Events <object>.<unix nanoseconds in hex>; bumping past the last value
    // keeps names unique when the clock has not moved between two Events.
    private string UniqueSuffix(DateTimeOffset now)
    {
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        lastSuffix = Math.Max(nanos, lastSuffix + 1);
        return lastSuffix.ToString("x", CultureInfo.InvariantCulture);
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

    private sealed record EventKey(string? ApiVersion, string? Kind, string Namespace, string Name, string Uid, string Type, string Reason, string Message);

    private sealed record RecordedEvent(EventKey Key, string Namespace, string Name, int Count, DateTimeOffset LastTimestamp);
}
