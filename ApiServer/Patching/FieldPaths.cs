using System.Text.Json.Nodes;

namespace Junction.ApiServer.Patching;

/// <summary>Finds and removes the node a fieldsV1 leaf path names inside an object.</summary>
internal static class FieldPaths
{
    public static JsonNode? Resolve(JsonNode? root, string leaf)
    {
        var node = root;
        foreach (var part in FieldSet.Split(leaf))
        {
            node = Step(node, part);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static bool Exists(JsonNode? root, string leaf) => Resolve(root, leaf) is not null || ResolvesToNull(root, leaf);

    /// <summary>Removes what the leaf names; a "." leaf removes the whole list item.</summary>
    public static void Remove(JsonNode root, string leaf)
    {
        var parts = FieldSet.Split(leaf);
        var last = parts[^1];
        var parentParts = last == "." ? parts.Take(parts.Count - 2) : parts.Take(parts.Count - 1);
        var target = last == "." ? parts[^2] : last;
        var parent = root;
        foreach (var part in parentParts)
        {
            parent = Step(parent, part);
        }

        switch (parent)
        {
            case JsonObject obj when target.StartsWith("f:", StringComparison.Ordinal):
                obj.Remove(target[2..]);
                break;
            case JsonArray array:
                var item = Step(array, target);
                if (item is not null)
                {
                    array.Remove(item);
                }

                break;
            default:
                break;
        }
    }

    private static bool ResolvesToNull(JsonNode? root, string leaf)
    {
        var parts = FieldSet.Split(leaf);
        var node = root;
        foreach (var part in parts.Take(parts.Count - 1))
        {
            node = Step(node, part);
        }

        return node is JsonObject o && parts[^1].StartsWith("f:", StringComparison.Ordinal) && o.ContainsKey(parts[^1][2..]);
    }

    private static JsonNode? Step(JsonNode? node, string part)
    {
        if (part == ".")
        {
            return node;
        }

        if (part.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject o ? o[part[2..]] : null;
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        if (part.StartsWith("k:", StringComparison.Ordinal))
        {
            var keys = JsonNode.Parse(part[2..])!.AsObject();
            return array.OfType<JsonObject>().FirstOrDefault(item => keys.All(kv => JsonNode.DeepEquals(item[kv.Key], kv.Value)));
        }

        var value = JsonNode.Parse(part[2..]);
        return array.FirstOrDefault(item => JsonNode.DeepEquals(item, value));
    }
}
