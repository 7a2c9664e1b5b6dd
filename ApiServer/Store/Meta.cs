using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>Reads and writes the metadata fields of an object held as JSON.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m)
        {
            return m;
        }

        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string Name(JsonObject obj) => Str(obj, "name");

    public static string Namespace(JsonObject obj) => Str(obj, "namespace");

    public static string Uid(JsonObject obj) => Str(obj, "uid");

    public static string ResourceVersion(JsonObject obj) => Str(obj, "resourceVersion");

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static string Str(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var (k, v) in labels)
            {
                result[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? string.Empty;
            }
        }

        return result;
    }

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? a.Select(f => f?.GetValue<string>() ?? string.Empty).ToList() : [];

    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        if (list.Count == 0)
        {
            Of(obj).Remove("finalizers");
        }
        else
        {
            Of(obj)["finalizers"] = new JsonArray(list.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }
    }

    public static IEnumerable<JsonObject> OwnerReferences(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray a ? a.OfType<JsonObject>() : [];

    public static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.Long() : 0;

    /// <summary>A value read from a dotted path such as involvedObject.name; empty when absent.</summary>
    public static string PathValue(JsonObject obj, string dotted)
    {
        JsonNode? node = obj;
        foreach (var part in dotted.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => string.Empty,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
