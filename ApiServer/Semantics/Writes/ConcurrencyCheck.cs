using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Optimistic concurrency: a body that carries a resourceVersion must carry the current one.</summary>
internal static class ConcurrencyCheck
{
    public static void RequireCurrent(ResourceType type, JsonObject existing, JsonObject body)
    {
        var bodyRv = Meta.ResourceVersion(body);
        if (bodyRv.Length > 0 && bodyRv != Meta.ResourceVersion(existing))
        {
            throw Errors.Conflict(type, Meta.Name(existing));
        }
    }
}
