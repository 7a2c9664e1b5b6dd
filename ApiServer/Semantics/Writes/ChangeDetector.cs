using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>An update that changes nothing is not written and keeps its resourceVersion.</summary>
internal static class ChangeDetector
{
    public static bool Unchanged(JsonObject existing, JsonObject candidate)
    {
        var a = existing.DeepClone().AsObject();
        var b = candidate.DeepClone().AsObject();
        foreach (var o in new[] { a, b })
        {
            // Ownership changes are changes; only the timestamps of managedFields entries are not.
            foreach (var entry in (Meta.Of(o)["managedFields"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                entry.Remove("time");
            }

            Meta.Of(o).Remove("resourceVersion");
            o.Remove("apiVersion");
        }

        return JsonNode.DeepEquals(a, b);
    }
}
