namespace Junction.Runtime.Events;

/// <summary>A bounded map that forgets its least recently used entry first (client-go's <c>lru.Cache</c>). Not thread-safe.</summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> entries = [];
    private readonly LinkedList<(TKey Key, TValue Value)> byRecency = new();

    /// <summary>How many entries are held.</summary>
    public int Count => entries.Count;

    /// <summary>The value of <paramref name="key"/>, which becomes the most recently used.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (entries.TryGetValue(key, out var node))
        {
            byRecency.Remove(node);
            byRecency.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Sets <paramref name="key"/> as the most recently used, forgetting the oldest entry beyond the capacity.</summary>
    public void Set(TKey key, TValue value)
    {
        Remove(key);
        entries[key] = byRecency.AddFirst((key, value));
        while (entries.Count > capacity)
        {
            var oldest = byRecency.Last!;
            byRecency.RemoveLast();
            entries.Remove(oldest.Value.Key);
        }
    }

    /// <summary>Forgets <paramref name="key"/>.</summary>
    public void Remove(TKey key)
    {
        if (entries.Remove(key, out var node))
        {
            byRecency.Remove(node);
        }
    }
}
