using k8s.Models;

namespace Junction.Runtime.Events;

/// <summary>What the recorder does with one occurrence of an Event: create it, bump a count, or drop it.</summary>
internal abstract record EventWrite
{
    private EventWrite()
    {
    }

    /// <summary>A new Event object.</summary>
    public sealed record Create(Corev1Event Event) : EventWrite;

    /// <summary>A repeat: the existing Event <paramref name="Name"/> gets this count and last timestamp.</summary>
    public sealed record Patch(string Namespace, string Name, int Count, DateTimeOffset LastTimestamp) : EventWrite;

    /// <summary>Dropped by the spam filter.</summary>
    public sealed record Dropped : EventWrite;
}
