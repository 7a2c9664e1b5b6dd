using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Removes an object from the store for good; removing a CRD also removes its custom resources and kinds.</summary>
internal sealed class Remover(ObjectStore store, ResourceRegistry registry)
{
    public JsonObject RemoveNow(string key, JsonObject obj)
    {
        var gone = store.Remove(key, obj);
        if (key == CrdHooks.CrdKey)
        {
            var resourceKey = Meta.Name(obj);
            foreach (var cr in store.List(resourceKey, null).ToList())
            {
                store.Remove(resourceKey, cr);
            }

            registry.RemoveCrd(resourceKey);
        }

        return gone;
    }
}
