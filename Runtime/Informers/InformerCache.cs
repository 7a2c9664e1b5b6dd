using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>
/// The informer's thread-safe, full-object cache keyed by <c>namespace/name</c>, with named
/// indexes (client-go <c>cache.Indexer</c>). Readers get the cached instances: never mutate them.
/// A lookup by key also sees the caller's own writes before the watch delivers them (<see cref="Assume"/>).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class InformerCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, T> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> assumed = new(StringComparer.Ordinal);

    /// <summary>The number of cached objects.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>The object with this key, or null.</summary>
    public T? Get(string key)
    {
        lock (gate)
        {
            var stored = items.GetValueOrDefault(key);
            if (assumed.TryGetValue(key, out var own))
            {
                if (stored is null || IsNewer(own, stored))
                {
                    return own;
                }

                assumed.Remove(key);
            }

            return stored;
        }
    }

    /// <summary>The number of the caller's writes not yet delivered by the watch.</summary>
    public int AssumedCount
    {
        get
        {
            lock (gate)
            {
                return assumed.Count;
            }
        }
    }

    /// <summary>
    /// Records an object as the caller's own write left it (what the server returned), so that
    /// <see cref="Get(string)"/> returns it until the watch delivers that version or a newer one
    /// (client-go's <c>MutationCache</c>). Without it a reconcile that runs between a write and its
    /// watch event works from the object as it was before the write, and writes again only to be
    /// refused with 409. Lists and indexes keep to what the watch delivered. An object without a
    /// resourceVersion that parses as a number is not recorded: the watch alone can order it.
    /// </summary>
    internal void Assume(T obj)
    {
        if (!ulong.TryParse(obj.Metadata?.ResourceVersion, out _))
        {
            return;
        }

        var key = CacheKeys.For(obj);
        lock (gate)
        {
            if ((!items.TryGetValue(key, out var stored) || IsNewer(obj, stored))
                && (!assumed.TryGetValue(key, out var earlier) || IsNewer(obj, earlier)))
            {
                assumed[key] = obj;
            }
        }
    }

    /// <summary>Forgets the writes of objects a relist did not return: they are gone, whatever the caller wrote.</summary>
    internal void ForgetAssumedExcept(IReadOnlySet<string> listed)
    {
        lock (gate)
        {
            foreach (var key in assumed.Keys.Where(k => !listed.Contains(k)).ToList())
            {
                assumed.Remove(key);
            }
        }
    }

    /// <summary>The object <c>namespace/name</c>, or null.</summary>
    public T? Get(string? @namespace, string name) => Get(CacheKeys.For(@namespace, name));

    /// <summary>Every cached object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (gate)
        {
            return [.. items.Values];
        }
    }

    /// <summary>Every cached key.</summary>
    public IReadOnlyList<string> Keys()
    {
        lock (gate)
        {
            return [.. items.Keys];
        }
    }

    /// <summary>The objects whose index <paramref name="indexName"/> contains <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">No index has that name.</exception>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (gate)
        {
            if (!indices.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"The cache of {typeof(T).Name} has no index named {indexName}.", nameof(indexName));
            }
            return index.TryGetValue(value, out var keys) ? [.. keys.Order(StringComparer.Ordinal).Select(k => items[k])] : [];
        }
    }

    /// <summary>The keys of the objects whose index <paramref name="indexName"/> contains <paramref name="value"/>.</summary>
    public IReadOnlyList<string> IndexKeys(string indexName, string value) =>
        [.. ByIndex(indexName, value).Select(CacheKeys.For)];

    internal void AddIndexer(string name, Func<T, IEnumerable<string>> indexFunc)
    {
        lock (gate)
        {
            if (!indexers.TryAdd(name, indexFunc))
            {
                throw new ArgumentException($"The cache of {typeof(T).Name} already has an index named {name}.", nameof(name));
            }
            var index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            indices[name] = index;
            foreach (var (key, obj) in items)
            {
                AddToIndex(index, indexFunc, key, obj);
            }
        }
    }

    /// <summary>Stores <paramref name="obj"/> and returns what it replaced.</summary>
    internal T? Upsert(T obj)
    {
        var key = CacheKeys.For(obj);
        lock (gate)
        {
            items.TryGetValue(key, out var old);
            items[key] = obj;
            if (assumed.TryGetValue(key, out var own) && !IsNewer(own, obj))
            {
                assumed.Remove(key);
            }

            foreach (var (name, indexFunc) in indexers)
            {
                if (old is not null)
                {
                    RemoveFromIndex(indices[name], indexFunc, key, old);
                }
                AddToIndex(indices[name], indexFunc, key, obj);
            }
            return old;
        }
    }

    /// <summary>Removes the object with this key and returns it.</summary>
    internal T? Remove(string key)
    {
        lock (gate)
        {
            assumed.Remove(key);
            if (!items.Remove(key, out var old))
            {
                return null;
            }
            foreach (var (name, indexFunc) in indexers)
            {
                RemoveFromIndex(indices[name], indexFunc, key, old);
            }
            return old;
        }
    }

    // Same object (uid) at a later resourceVersion. Kubernetes calls resourceVersions opaque, but every
    // API server hands out increasing integers (etcd revisions), which is what client-go's MutationCache relies on too.
    private static bool IsNewer(T candidate, T than) =>
        candidate.Metadata.Uid == than.Metadata.Uid
        && ulong.TryParse(candidate.Metadata.ResourceVersion, out var a)
        && ulong.TryParse(than.Metadata.ResourceVersion, out var b)
        && a > b;

    private static void AddToIndex(Dictionary<string, HashSet<string>> index, Func<T, IEnumerable<string>> indexFunc, string key, T obj)
    {
        foreach (var value in indexFunc(obj))
        {
            if (!index.TryGetValue(value, out var keys))
            {
                keys = new HashSet<string>(StringComparer.Ordinal);
                index[value] = keys;
            }
            keys.Add(key);
        }
    }

    private static void RemoveFromIndex(Dictionary<string, HashSet<string>> index, Func<T, IEnumerable<string>> indexFunc, string key, T obj)
    {
        foreach (var value in indexFunc(obj))
        {
            if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                index.Remove(value);
            }
        }
    }
}
