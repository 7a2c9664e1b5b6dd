using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// Plays the garbage collector and the namespace controller: deletes dependents whose owners are gone,
/// finishes foreground deletions once blocking dependents are gone, and empties terminating namespaces.
/// </summary>
internal sealed class GarbageCollector
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    private readonly ObjectStore store;
    private readonly Clock clock;
    private readonly Func<string, JsonObject, JsonObject> removeNow;

    public GarbageCollector(ObjectStore store, Clock clock, Func<string, JsonObject, JsonObject> removeNow)
    {
        this.store = store;
        this.clock = clock;
        this.removeNow = removeNow;
    }

    public bool HasDependents(string uid) => store.Everything().Any(e => Meta.OwnerReferences(e.Object).Any(r => Uid(r) == uid));

    /// <summary>Removes the owner reference to <paramref name="uid"/> from every dependent.</summary>
    public void Orphan(string uid)
    {
        foreach (var (key, obj) in store.Everything().Where(e => Meta.OwnerReferences(e.Object).Any(r => Uid(r) == uid)))
        {
            var copy = obj.DeepClone().AsObject();
            var refs = new JsonArray(Meta.OwnerReferences(copy).Where(r => Uid(r) != uid).Select(r => (JsonNode?)r.DeepClone()).ToArray());
            if (refs.Count == 0)
            {
                Meta.Of(copy).Remove("ownerReferences");
            }
            else
            {
                Meta.Of(copy)["ownerReferences"] = refs;
            }

            store.Put(key, copy);
        }
    }

    /// <summary>
    /// Collects one object that was just written with owner references: only its own owners can make it
    /// garbage, so this looks them up instead of scanning the store (creates stay O(1) at any store size).
    /// </summary>
    public void CollectWritten(string key, JsonObject obj)
    {
        if (!Meta.IsDeleting(obj) && OwnersGone(obj, store.ByUid))
        {
            Delete(key, obj);
            Collect();
        }
    }

    /// <summary>Runs until nothing more changes.</summary>
    public void Collect()
    {
        for (var round = 0; round < 100 && CollectOnce(); round++)
        {
        }
    }

    private bool CollectOnce()
    {
        var all = store.Everything();
        foreach (var (key, obj) in all)
        {
            if (!Meta.IsDeleting(obj) && OwnersGone(obj, store.ByUid))
            {
                Delete(key, obj);
                return true;
            }

            if (Meta.IsDeleting(obj) && Meta.Finalizers(obj).Contains(ForegroundFinalizer) && !Blocked(Meta.Uid(obj), all))
            {
                var finalizers = Meta.Finalizers(obj).Where(f => f != ForegroundFinalizer).ToList();
                Finish(key, obj, finalizers);
                return true;
            }

            if (key == "namespaces" && Meta.IsDeleting(obj) && EmptyNamespace(key, obj, all))
            {
                return true;
            }
        }

        return false;
    }

    private static bool OwnersGone(JsonObject obj, Func<string, JsonObject?> owner)
    {
        var refs = Meta.OwnerReferences(obj).ToList();
        return refs.Count > 0 && refs.All(r =>
            owner(Uid(r)) is not { } o
            || (Meta.IsDeleting(o) && Meta.Finalizers(o).Contains(ForegroundFinalizer)));
    }

    private static bool Blocked(string uid, IEnumerable<(string Key, JsonObject Object)> all) =>
        all.Any(e => Meta.OwnerReferences(e.Object).Any(r => Uid(r) == uid && r["blockOwnerDeletion"]?.GetValue<bool>() == true));

    /// <summary>
    /// Deletes the objects of a terminating namespace; once it is empty, drops the "kubernetes" finalizer and
    /// removes the namespace if no other finalizer holds it. True when it changed something.
    /// </summary>
    private bool EmptyNamespace(string key, JsonObject ns, IEnumerable<(string Key, JsonObject Object)> all)
    {
        var name = Meta.Name(ns);
        var inside = all.Where(e => e.Key != "namespaces" && Meta.Namespace(e.Object) == name).ToList();
        var pending = inside.Where(e => !Meta.IsDeleting(e.Object)).ToList();
        foreach (var (k, obj) in pending)
        {
            Delete(k, obj);
        }

        if (pending.Count > 0)
        {
            return true;
        }

        if (inside.Count == 0)
        {
            var finalized = NamespaceTermination.Finalized(ns);
            if (NamespaceTermination.CanRemove(finalized))
            {
                removeNow(key, ns);
                return true;
            }

            return PutIfChanged(key, ns, NamespaceTermination.WithConditions(finalized, inside, clock.Now()));
        }

        return PutIfChanged(key, ns, NamespaceTermination.WithConditions(ns, inside, clock.Now()));
    }

    private bool PutIfChanged(string key, JsonObject old, JsonObject updated)
    {
        if (JsonNode.DeepEquals(old, updated))
        {
            return false;
        }

        store.Put(key, updated);
        return true;
    }

    private void Delete(string key, JsonObject obj)
    {
        var finalizers = Meta.Finalizers(obj);
        if (finalizers.Count == 0)
        {
            removeNow(key, obj);
            return;
        }

        var marked = obj.DeepClone().AsObject();
        Meta.Of(marked)["deletionTimestamp"] = clock.Now();
        Meta.Of(marked)["deletionGracePeriodSeconds"] = 0;
        if (Meta.Generation(obj) > 0)
        {
            Meta.Of(marked)["generation"] = Meta.Generation(obj) + 1;
        }
        store.Put(key, marked);
    }

    private void Finish(string key, JsonObject obj, List<string> finalizers)
    {
        if (finalizers.Count == 0)
        {
            removeNow(key, obj);
            return;
        }

        var copy = obj.DeepClone().AsObject();
        Meta.SetFinalizers(copy, finalizers);
        store.Put(key, copy);
    }

    private static string Uid(JsonObject ownerRef) => ownerRef["uid"]?.GetValue<string>() ?? string.Empty;
}
