using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Marks an object that cannot go yet (finalizers, or a Namespace) as being deleted and stores the mark.</summary>
internal sealed class DeletionMarker(ObjectStore store, Clock clock)
{
    public JsonObject Mark(ResourceType type, JsonObject existing, List<string> finalizers)
    {
        var marked = existing.DeepClone().AsObject();
        var meta = Meta.Of(marked);
        if (meta["deletionTimestamp"] is null)
        {
            meta["deletionTimestamp"] = clock.Now();
            meta["deletionGracePeriodSeconds"] = 0;
            if (Meta.Generation(existing) > 0)
            {
                meta["generation"] = Meta.Generation(existing) + 1;
            }
        }

        Meta.SetFinalizers(marked, finalizers);
        if (type.Key == "namespaces")
        {
            marked["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        if (!JsonNode.DeepEquals(marked, existing))
        {
            store.Put(type.Key, marked);
        }

        return marked;
    }
}
