using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>
/// The informer's thread-safe, full-object cache keyed by <c>namespace/name</c>, with named
/// indexes (client-go <c>cache.Indexer</c>). Readers get the cached instances: never mutate them.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class InformerCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, T> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> indices = new(StringComparer.Ordinal);

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
            return items.GetValueOrDefault(key);
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
