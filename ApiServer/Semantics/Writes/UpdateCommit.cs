using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>
/// Stores an admitted update: an object being deleted whose last finalizer went is removed instead,
/// and the garbage collector looks again when deletion or ownership changed.
/// </summary>
internal sealed class UpdateCommit(ObjectStore store, CrdHooks hooks, Remover remover, GarbageCollector collector)
{
    public JsonObject Write(ResourceType type, JsonObject existing, JsonObject candidate)
    {
        // A terminating namespace also waits for its content and its spec finalizers (the namespace controller's part).
        if (Meta.IsDeleting(candidate) && Meta.Finalizers(candidate).Count == 0
            && (type.Key != "namespaces" || NamespaceTermination.CanRemove(candidate)))
        {
            var gone = remover.RemoveNow(type.Key, candidate);
            collector.Collect();
            return gone;
        }

        store.Put(type.Key, candidate);
        hooks.AfterWrite(type, candidate);
        if (Meta.IsDeleting(candidate))
        {
            collector.Collect();
        }
        else if (!JsonNode.DeepEquals(existing["metadata"]?["ownerReferences"], candidate["metadata"]?["ownerReferences"]))
        {
            collector.CollectWritten(type.Key, candidate);
        }

        return candidate;
    }
}
