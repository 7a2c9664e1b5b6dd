using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test, with RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document };
        foreach (var op in operations.OfType<JsonObject>())
        {
            var kind = op["op"]?.GetValue<string>();
            var path = op["path"]?.GetValue<string>() ?? throw Errors.BadRequest("the server rejected our request due to an error in our request: missing path");
            switch (kind)
            {
                case "add":
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(root, From(op));
                    Remove(root, From(op));
                    Add(root, path, moved?.DeepClone());
                    break;
                case "copy":
                    Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                    {
                        throw Failed($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw Errors.BadRequest($"Unexpected kind: {kind}");
            }
        }

        var result = root["doc"]!;
        root.Remove("doc");
        return result;
    }

    private static string From(JsonObject op) => op["from"]?.GetValue<string>() ?? throw Errors.BadRequest("missing from");

    private static (JsonNode Parent, string Last) Parent(JsonObject root, string pointer)
    {
        var tokens = ("/doc" + pointer).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode? node = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            node = Child(node, token, pointer);
        }

        return (node!, tokens[^1]);
    }

    private static JsonNode Child(JsonNode? node, string token, string pointer) => node switch
    {
        JsonObject o when o[token] is JsonNode c => c,
        JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count && a[i] is JsonNode c => c,
        _ => throw Missing(pointer),
    };

    private static JsonNode? Get(JsonObject root, string pointer)
    {
        var (parent, last) = Parent(root, pointer);
        return parent switch
        {
            JsonObject o => o.TryGetPropertyValue(last, out var v) ? v : throw Missing(pointer),
            JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count => a[i],
            _ => throw Missing(pointer),
        };
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Missing(pointer);
        }
    }

    private static void Remove(JsonObject root, string pointer)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Missing(pointer);
        }
    }

    private static ApiException Missing(string pointer) => Failed($"doc is missing path: \"{pointer}\": missing value");

    // kube-apiserver answers a patch that cannot be applied with a bare 422 carrying the patch library's text.
    private static ApiException Failed(string message) => new(System.Net.HttpStatusCode.UnprocessableEntity, "Invalid", message);
}
