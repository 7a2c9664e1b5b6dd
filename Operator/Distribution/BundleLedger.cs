namespace Junction.Distribution;

/// <summary>
/// Which policy generations each served bundle includes, so that a proxy's report of the hash it
/// runs can be turned into "runs generation 7". Bounded: per proxy, only the last
/// <see cref="PerProxy"/> hashes served are remembered (an instance running an older one has not
/// reported for a long while, or runs something the operator no longer serves).
/// </summary>
internal sealed class BundleLedger(int perProxy = BundleLedger.DefaultPerProxy)
{
    /// <summary>The default number of hashes remembered per proxy.</summary>
    public const int DefaultPerProxy = 16;

    private readonly Lock gate = new();
    private readonly Dictionary<ProxyKey, List<string>> recent = [];
    private readonly Dictionary<string, Entry> byHash = new(StringComparer.Ordinal);

    /// <summary>Hashes remembered per proxy.</summary>
    public int PerProxy { get; } = perProxy > 0 ? perProxy : throw new ArgumentOutOfRangeException(nameof(perProxy));

    /// <summary>Remembers that <paramref name="proxy"/> was served <paramref name="hash"/>, which includes <paramref name="generations"/>.</summary>
    public void Record(ProxyKey proxy, string hash, IReadOnlyList<PolicyGeneration> generations)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(generations);
        lock (gate)
        {
            if (!recent.TryGetValue(proxy, out var hashes))
            {
                hashes = [];
                recent[proxy] = hashes;
            }

            var at = hashes.IndexOf(hash);
            if (at == 0)
            {
                return;
            }

            if (at > 0)
            {
                hashes.RemoveAt(at);
            }
            else
            {
                byHash[hash] = byHash.TryGetValue(hash, out var entry)
                    ? entry with { References = entry.References + 1 }
                    : new Entry([.. generations], 1);
            }

            hashes.Insert(0, hash);
            if (hashes.Count > PerProxy)
            {
                Release(hashes[^1]);
                hashes.RemoveAt(hashes.Count - 1);
            }
        }
    }

    /// <summary>Whether the bundle with <paramref name="hash"/> includes <paramref name="generation"/>.</summary>
    public bool Includes(string hash, PolicyGeneration generation)
    {
        lock (gate)
        {
            return byHash.TryGetValue(hash, out var entry) && entry.Generations.Contains(generation);
        }
    }

    /// <summary>The generations of a remembered hash, or null.</summary>
    public IReadOnlyList<PolicyGeneration>? GenerationsOf(string hash)
    {
        lock (gate)
        {
            return byHash.TryGetValue(hash, out var entry) ? entry.Generations : null;
        }
    }

    /// <summary>Hashes remembered in all, for tests and the memory bound.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return byHash.Count;
            }
        }
    }

    private void Release(string hash)
    {
        var entry = byHash[hash];
        if (entry.References == 1)
        {
            byHash.Remove(hash);
        }
        else
        {
            byHash[hash] = entry with { References = entry.References - 1 };
        }
    }

    private sealed record Entry(PolicyGeneration[] Generations, int References);
}
