using System.Text.Json.Nodes;

namespace Junction.ApiServer.Patching;

/// <summary>
/// How a list merges: by key fields (associative), as a set, or atomically. Built-in kinds use their
/// patch merge keys; custom resources use x-kubernetes-list-type and x-kubernetes-list-map-keys.
/// </summary>
internal sealed class ListSemantics
{
    private static readonly Dictionary<string, string[]> BuiltinKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["imagePullSecrets"] = ["name"],
        ["hostAliases"] = ["ip"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
    };

    private readonly string resourceKey;
    private readonly JsonObject? schema;

    public ListSemantics(string resourceKey, JsonObject? schema)
    {
        this.resourceKey = resourceKey;
        this.schema = schema;
    }

    /// <summary>The key fields of the list at <paramref name="path"/> (field names from the root); null when atomic, empty for a set.</summary>
    public IReadOnlyList<string>? Keys(IReadOnlyList<string> path)
    {
        var field = path[^1];
        if (path.Count == 2 && path[0] == "metadata")
        {
            return field switch
            {
                "finalizers" => [],
                "ownerReferences" => ["uid"],
                _ => null,
            };
        }

        return schema is null ? BuiltinList(path, field) : SchemaList(path);
    }

    /// <summary>The strategic-merge key (first key field), or null when the list is replaced wholesale.</summary>
    public string? MergeKey(IReadOnlyList<string> path) => Keys(path) is { Count: > 0 } keys ? keys[0] : null;

    private IReadOnlyList<string>? BuiltinList(IReadOnlyList<string> path, string field)
    {
        if (field == "ports")
        {
            return resourceKey == "services" && path.Count == 2 ? ["port", "protocol"] : ["containerPort", "protocol"];
        }

        return BuiltinKeys.TryGetValue(field, out var keys) ? keys : null;
    }

    private IReadOnlyList<string>? SchemaList(IReadOnlyList<string> path)
    {
        JsonNode? node = schema;
        foreach (var part in path)
        {
            node = node?["properties"]?[part] ?? node?["additionalProperties"] as JsonObject;
            if (node?["type"]?.GetValue<string>() == "array" && part != path[^1])
            {
                node = node["items"];
            }
        }

        if (path.Count == 2 && path[1] == "conditions" && node?["x-kubernetes-list-type"] is null)
        {
            return null;
        }

        return node?["x-kubernetes-list-type"]?.GetValue<string>() switch
        {
            "map" => (node["x-kubernetes-list-map-keys"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToList() ?? [],
            "set" => [],
            _ => null,
        };
    }
}
