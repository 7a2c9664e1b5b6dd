using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>Turns a custom resource (JSON) into CEL values, typed by its schema as kube-apiserver's UnstructuredToVal does.</summary>
internal static class CelValues
{
    /// <summary>
    /// The schema of the resource root as CEL sees it: apiVersion, kind and, of metadata, only name and
    /// generateName (Kubernetes' WithTypeAndObjectMeta).
    /// </summary>
    public static JsonObject RootSchema(JsonObject schema)
    {
        var root = schema.DeepClone().AsObject();
        var properties = root["properties"] as JsonObject ?? [];
        root["properties"] = properties;
        properties["apiVersion"] = new JsonObject { ["type"] = "string" };
        properties["kind"] = new JsonObject { ["type"] = "string" };
        properties["metadata"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" }, ["generateName"] = new JsonObject { ["type"] = "string" } },
        };
        root["type"] = "object";
        return root;
    }

    /// <summary>The root value: the object with metadata cut down to name and generateName.</summary>
    public static object? Root(JsonObject obj, JsonObject rootSchema)
    {
        var value = (Dictionary<object, object?>)From(obj, rootSchema)!;
        if (obj["metadata"] is JsonObject metadata)
        {
            var meta = new Dictionary<object, object?>(CelKeyComparer.Instance);
            foreach (var field in new[] { "name", "generateName" })
            {
                if (metadata[field] is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    meta[field] = s;
                }
            }

            value["metadata"] = meta;
        }

        return value;
    }

    public static object? From(JsonNode? node, JsonObject? schema)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new Dictionary<object, object?>(CelKeyComparer.Instance);
                foreach (var (name, child) in obj)
                {
                    // Null-valued fields are absent to CEL.
                    if (child is not null)
                    {
                        map[name] = From(child, schema?["properties"]?[name] as JsonObject ?? schema?["additionalProperties"] as JsonObject);
                    }
                }

                return map;
            case JsonArray array:
                var items = schema?["items"] as JsonObject;
                return array.Select(item => From(item, items)).ToList();
        }

        var value = node.AsValue();
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                // The text, not the boxed CLR type: values written by patches and defaults may be int or decimal.
                var text = value.ToJsonString();
                var type = schema?["type"]?.GetValue<string>();
                if (type != "number" && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return type != "number" && d == Math.Floor(d) && Math.Abs(d) < 9.2e18 ? (long)d : d;
            default:
                return null;
        }
    }

    /// <summary>A value as cel-go prints it in error messages and string().</summary>
    public static string Display(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
