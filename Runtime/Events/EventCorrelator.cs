using System.Globalization;
using k8s.Models;

namespace Junction.Runtime.Events;

/// <summary>
/// Decides what each occurrence of an Event writes, like client-go's <c>EventCorrelator</c>: similar Events
/// (same object, type and reason) with more than <see cref="EventRecorderOptions.MaxSimilarEvents"/> distinct
/// messages within the window are combined into one; a repeat within the window bumps the existing Event's
/// count; and the spam filter drops what exceeds an object's budget. Thread-safe; it performs no I/O, so the
/// writes it decides on can run concurrently.
/// </summary>
internal sealed class EventCorrelator(EventRecorderOptions options)
{
    /// <summary>The start of the message of an Event that stands for many similar ones (client-go's wording).</summary>
    public const string CombinedPrefix = "(combined from similar events): ";

    private readonly Lock gate = new();
    private readonly LruCache<Similarity, SimilarMessages> similar = new(options.CacheSize);
    private readonly LruCache<Key, Seen> seen = new(options.CacheSize);
    private readonly EventSpamFilter spam = new(options);
    private long lastSuffix;

    /// <summary>The write for one occurrence, and the key to report its failure under.</summary>
    public (EventWrite Write, Key Key) Correlate(V1ObjectReference reference, string type, string reason, string message, DateTimeOffset now)
    {
        var similarity = new Similarity(reference.ApiVersion, reference.Kind, reference.NamespaceProperty ?? "", reference.Name, reference.Uid ?? "", type, reason);
        lock (gate)
        {
            var combined = CountSimilar(similarity, message, now) >= options.MaxSimilarEvents;
            var key = new Key(similarity, combined ? "" : message);
            if (!spam.Allow($"{similarity.ApiVersion}/{similarity.Kind}/{similarity.Namespace}/{similarity.Name}/{similarity.Uid}/{type}", now))
            {
                return (new EventWrite.Dropped(), key);
            }

            if (seen.TryGet(key, out var last) && now - last.LastTimestamp <= options.AggregationWindow)
            {
                seen.Set(key, last with { Count = last.Count + 1, LastTimestamp = now });
                return (new EventWrite.Patch(last.Namespace, last.Name, last.Count + 1, now), key);
            }

            return (CreateLocked(key, reference, combined ? CombinedPrefix + message : message, now), key);
        }
    }

    /// <summary>A fresh Event for <paramref name="key"/>, after the one its repeat was to patch turned out to be gone.</summary>
    public EventWrite.Create Recreate(Key key, V1ObjectReference reference, string message, DateTimeOffset now)
    {
        lock (gate)
        {
            return CreateLocked(key, reference, key.Message.Length == 0 ? CombinedPrefix + message : message, now);
        }
    }

    /// <summary>Forgets <paramref name="key"/> after its write failed, so that the next occurrence creates the Event.</summary>
    public void Forget(Key key)
    {
        lock (gate)
        {
            seen.Remove(key);
        }
    }

    // client-go's EventAggregator: the window slides with every similar occurrence.
    private int CountSimilar(Similarity similarity, string message, DateTimeOffset now)
    {
        var messages = similar.TryGet(similarity, out var held) && now - held.LastTimestamp <= options.AggregationWindow
            ? held.Messages
            : new HashSet<string>(StringComparer.Ordinal);
        messages.Add(message);
        similar.Set(similarity, new SimilarMessages(messages, now));
        return messages.Count;
    }

    private EventWrite.Create CreateLocked(Key key, V1ObjectReference reference, string message, DateTimeOffset now)
    {
        var similarity = key.Similarity;
        var @namespace = similarity.Namespace.Length == 0 ? "default" : similarity.Namespace;
        var coreEvent = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{similarity.Name}.{UniqueSuffix(now)}", NamespaceProperty = @namespace },
            InvolvedObject = reference,
            Type = similarity.Type,
            Reason = similarity.Reason,
            Message = message,
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = options.Component, Host = options.Instance },
            ReportingComponent = options.Component,
            ReportingInstance = options.Instance,
        };
        seen.Set(key, new Seen(@namespace, coreEvent.Metadata.Name, 1, now));
        return new EventWrite.Create(coreEvent);
    }

    // client-go names Events <object>.<unix nanoseconds in hex>; bumping past the last value
    // keeps names unique when the clock has not moved between two Events.
    private string UniqueSuffix(DateTimeOffset now)
    {
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        lastSuffix = Math.Max(nanos, lastSuffix + 1);
        return lastSuffix.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>What makes Events similar: the same object, type and reason.</summary>
    internal sealed record Similarity(string? ApiVersion, string? Kind, string Namespace, string Name, string Uid, string Type, string Reason);

    /// <summary>What makes Events the same: similar, and the same message (empty once similar ones are combined).</summary>
    internal sealed record Key(Similarity Similarity, string Message);

    private sealed record SimilarMessages(HashSet<string> Messages, DateTimeOffset LastTimestamp);

    private sealed record Seen(string Namespace, string Name, int Count, DateTimeOffset LastTimestamp);
}
