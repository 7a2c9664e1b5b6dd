using System.Text.Json.Nodes;
using Junction.ApiServer.Watch;

namespace Junction.ApiServer.Store;

/// <summary>
/// The objects, the store-wide revision and the event history. Callers hold <see cref="Gate"/> around
/// read-modify-write sequences; stored objects are never mutated, only replaced.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> byUid = new(StringComparer.Ordinal);
    private readonly List<Watcher> watchers = [];
    private readonly EventHistory history;
    private long revision;

    public ObjectStore(int historyLimit)
    {
        history = new EventHistory(historyLimit);
    }

    public object Gate { get; } = new();

    public long Revision => revision;

    public long CompactedRevision => history.CompactedRevision;

    public JsonObject? Get(string key, string ns, string name) =>
        objects.TryGetValue(key, out var byName) && byName.TryGetValue(Id(ns, name), out var obj) ? obj : null;

    /// <summary>Objects of a key in namespace/name order, optionally within one namespace, starting after a key.</summary>
    public IEnumerable<JsonObject> List(string key, string? ns, string? after = null)
    {
        if (!objects.TryGetValue(key, out var byName))
        {
            yield break;
        }

        var prefix = string.IsNullOrEmpty(ns) ? null : ns + "/";
        foreach (var (id, obj) in byName)
        {
            if (prefix is not null && !id.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (after is not null && string.CompareOrdinal(id, after) <= 0)
            {
                continue;
            }

            yield return obj;
        }
    }

    /// <summary>The stored object with this uid, if any (owner lookups without a scan).</summary>
    public JsonObject? ByUid(string uid) => byUid.GetValueOrDefault(uid);

    public IEnumerable<(string Key, JsonObject Object)> Everything() =>
        objects.SelectMany(kv => kv.Value.Values.Select(o => (kv.Key, o))).ToList();

    /// <summary>Stores an object as created or modified, stamping the next resourceVersion.</summary>
    public JsonObject Put(string key, JsonObject obj)
    {
        var ns = Meta.Namespace(obj);
        var name = Meta.Name(obj);
        var old = Get(key, ns, name);
        Meta.Of(obj)["resourceVersion"] = (++revision).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!objects.TryGetValue(key, out var byName))
        {
            byName = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            objects[key] = byName;
        }

        byName[Id(ns, name)] = obj;
        byUid[Meta.Uid(obj)] = obj;
        Publish(new WatchEvent(revision, old is null ? "ADDED" : "MODIFIED", key, obj, old));
        return obj;
    }

    /// <summary>Removes an object; the DELETED event carries it with the deletion's resourceVersion.</summary>
    public JsonObject Remove(string key, JsonObject current)
    {
        var gone = current.DeepClone().AsObject();
        Meta.Of(gone)["resourceVersion"] = (++revision).ToString(System.Globalization.CultureInfo.InvariantCulture);
        objects[key].Remove(Id(Meta.Namespace(current), Meta.Name(current)));
        byUid.Remove(Meta.Uid(current));
        Publish(new WatchEvent(revision, "DELETED", key, gone, null));
        return gone;
    }

    /// <summary>Registers a watch and fills it with the history after <paramref name="fromRevision"/> or the current state.</summary>
    public void Subscribe(Watcher watcher, long? fromRevision, string? ns)
    {
        if (fromRevision is { } from)
        {
            foreach (var e in history.After(from))
            {
                watcher.Offer(e);
            }
        }
        else
        {
            foreach (var obj in List(watcher.Key, ns).Where(watcher.Matches))
            {
                watcher.Send(new WatchMessage("ADDED", obj));
            }
        }

        watchers.Add(watcher);
    }

    public void Unsubscribe(Watcher watcher) => watchers.Remove(watcher);

    /// <summary>Closes every open watch, as a restarted apiserver or a dropped connection would.</summary>
    public int CloseWatches()
    {
        var count = watchers.Count;
        foreach (var w in watchers)
        {
            w.Close();
        }

        watchers.Clear();
        return count;
    }

    public void Compact() => history.Compact(revision);

    private void Publish(WatchEvent e)
    {
        history.Add(e);
        foreach (var w in watchers)
        {
            w.Offer(e);
        }
    }

    private static string Id(string ns, string name) => ns + "/" + name;
}
