using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>The object a write would store: the main endpoint keeps the old status, /status keeps everything else.</summary>
internal static class UpdateCandidate
{
    private static readonly string[] ServerFields = ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion"];

    public static JsonObject Build(ResourceType type, JsonObject existing, JsonObject body, string subresource)
    {
        JsonObject candidate;
        if (subresource == "status")
        {
            candidate = existing.DeepClone().AsObject();
            CopyStatus(body, candidate);
        }
        else
        {
            candidate = body.DeepClone().AsObject();
            if (type.HasStatus)
            {
                CopyStatus(existing, candidate);
            }
        }

        candidate["apiVersion"] = existing["apiVersion"]?.DeepClone();
        candidate["kind"] = type.Kind;
        var meta = Meta.Of(candidate);
        var old = Meta.Of(existing);
        if (subresource == "status" || meta["managedFields"] is not JsonArray)
        {
            meta["managedFields"] = old["managedFields"]?.DeepClone();
            if (meta["managedFields"] is null)
            {
                meta.Remove("managedFields");
            }
        }

        foreach (var field in ServerFields)
        {
            if (old[field] is JsonNode value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        return candidate;
    }

    private static void CopyStatus(JsonObject from, JsonObject to)
    {
        to["status"] = from["status"]?.DeepClone();
        if (to["status"] is null)
        {
            to.Remove("status");
        }
    }
}
