namespace Junction.ApiServer.Watch;

/// <summary>The last N events, oldest first; older ones are compacted away, which is what makes a watch expire.</summary>
internal sealed class EventHistory
{
    private readonly WatchEvent?[] ring;
    private int start;
    private int count;

    public EventHistory(int capacity)
    {
        ring = new WatchEvent?[Math.Max(1, capacity)];
    }

    /// <summary>Every event with a revision at or below this one is gone.</summary>
    public long CompactedRevision { get; private set; }

    public void Add(WatchEvent e)
    {
        if (count == ring.Length)
        {
            CompactedRevision = ring[start]!.Revision;
            ring[start] = e;
            start = (start + 1) % ring.Length;
            return;
        }

        ring[(start + count) % ring.Length] = e;
        count++;
    }

    /// <summary>Drops everything up to <paramref name="revision"/>, so older watches get 410 Gone.</summary>
    public void Compact(long revision)
    {
        while (count > 0 && ring[start]!.Revision <= revision)
        {
            ring[start] = null;
            start = (start + 1) % ring.Length;
            count--;
        }

        CompactedRevision = Math.Max(CompactedRevision, revision);
    }

    /// <summary>The events after <paramref name="revision"/>, in order.</summary>
    public IEnumerable<WatchEvent> After(long revision)
    {
        for (var i = 0; i < count; i++)
        {
            var e = ring[(start + i) % ring.Length]!;
            if (e.Revision > revision)
            {
                yield return e;
            }
        }
    }
}
