using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>metadata.generation goes up when anything outside metadata changed, or deletion began.</summary>
internal static class GenerationBump
{
    public static void Apply(ResourceType type, JsonObject existing, JsonObject candidate)
    {
        if (type.TracksGeneration && SpecChanged(existing, candidate, type.HasStatus))
        {
            Meta.Of(candidate)["generation"] = Meta.Generation(existing) + 1;
        }
    }

    /// <summary>Status counts too, unless a status subresource owns it.</summary>
    private static bool SpecChanged(JsonObject before, JsonObject after, bool hasStatus) =>
        !JsonNode.DeepEquals(WithoutMetadata(before, hasStatus), WithoutMetadata(after, hasStatus))
        || (!Meta.IsDeleting(before) && Meta.IsDeleting(after));

    private static JsonObject WithoutMetadata(JsonObject obj, bool withoutStatus)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(kv => kv.Key is not ("metadata" or "apiVersion" or "kind") && !(withoutStatus && kv.Key == "status")))
        {
            copy[name] = value?.DeepClone();
        }

        return copy;
    }
}
