namespace Junction.Distribution;

/// <summary>
/// The bundles being served, one per slot (a gateway, or a sidecar's ServiceAccount with one set of
/// pod labels), each with a task its long-polls wait on. A publish with another hash replaces the
/// bundle and completes that task, which wakes every poll of the slot at once; the same hash again
/// wakes nothing.
/// </summary>
internal sealed class BundleStore(PropagationTracker propagation, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>Slots held, for tests and the memory bound.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return slots.Count;
            }
        }
    }

    /// <summary>Serves <paramref name="bundle"/> in <paramref name="slot"/>; true when it replaced another hash.</summary>
    public bool Publish(string slot, ProxyBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        TaskCompletionSource woken;
        lock (gate)
        {
            var entry = SlotOf(slot);
            entry.LastUsed = time.GetUtcNow();
            if (entry.Current?.Hash == bundle.Hash)
            {
                return false;
            }

            entry.Current = bundle;
            woken = entry.Next;
            entry.Next = NewSignal();
        }

        propagation.Published(bundle.Proxy, bundle.Generations);
        woken.TrySetResult();
        return true;
    }

    /// <summary>Stops serving <paramref name="slot"/> (its policy or proxy is gone); its polls are answered 304 at their end.</summary>
    public void Withdraw(string slot)
    {
        TaskCompletionSource? woken = null;
        lock (gate)
        {
            if (slots.Remove(slot, out var entry))
            {
                woken = entry.Next;
            }
        }

        woken?.TrySetResult();
    }

    /// <summary>What <paramref name="slot"/> serves now and the task that completes on its next change.</summary>
    public BundleWatch Watch(string slot)
    {
        lock (gate)
        {
            var entry = SlotOf(slot);
            entry.LastUsed = time.GetUtcNow();
            return new BundleWatch(entry.Current, entry.Next.Task);
        }
    }

    /// <summary>The bundle of <paramref name="slot"/>, without creating the slot.</summary>
    public ProxyBundle? Peek(string slot)
    {
        lock (gate)
        {
            return slots.TryGetValue(slot, out var entry) ? entry.Current : null;
        }
    }

    /// <summary>Slots whose names start with <paramref name="prefix"/>, used since <paramref name="since"/>.</summary>
    public IReadOnlyList<string> SlotsUsedSince(string prefix, DateTimeOffset since)
    {
        lock (gate)
        {
            return slots.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && s.Value.LastUsed >= since).Select(s => s.Key).ToList();
        }
    }

    /// <summary>Drops slots with <paramref name="prefix"/> unused since <paramref name="before"/>, waking their polls.</summary>
    public int Forget(string prefix, DateTimeOffset before)
    {
        List<Slot> dropped;
        lock (gate)
        {
            var names = slots.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && s.Value.LastUsed < before).Select(s => s.Key).ToList();
            dropped = names.Select(n => slots[n]).ToList();
            foreach (var name in names)
            {
                slots.Remove(name);
            }
        }

        foreach (var slot in dropped)
        {
            slot.Next.TrySetResult();
        }

        return dropped.Count;
    }

    private Slot SlotOf(string slot)
    {
        if (!slots.TryGetValue(slot, out var entry))
        {
            entry = new Slot { Next = NewSignal() };
            slots[slot] = entry;
        }

        return entry;
    }

    // Continuations run on the pool, never inside a publisher's call.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Slot
    {
        public ProxyBundle? Current { get; set; }

        public required TaskCompletionSource Next { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
