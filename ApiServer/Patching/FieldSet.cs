using System.Text.Json.Nodes;

namespace Junction.ApiServer.Patching;

/// <summary>
/// A set of field paths in the fieldsV1 vocabulary (f:name, k:{keys}, v:value, "."), kept as leaf paths.
/// It is how managedFields records which manager owns which field.
/// </summary>
internal sealed class FieldSet
{
    private const char Separator = '\u0001';
    private readonly HashSet<string> leaves;

    public FieldSet(IEnumerable<string> leaves)
    {
        this.leaves = new HashSet<string>(leaves, StringComparer.Ordinal);
    }

    public static FieldSet Empty => new([]);

    public IReadOnlyCollection<string> Leaves => leaves;

    public bool IsEmpty => leaves.Count == 0;

    public static IReadOnlyList<string> Split(string leaf) => leaf.Split(Separator);

    public bool Contains(string leaf) => leaves.Contains(leaf);

    public FieldSet Union(FieldSet other) => new(leaves.Union(other.leaves));

    public FieldSet Except(FieldSet other) => new(leaves.Except(other.leaves));

    public FieldSet Except(IEnumerable<string> other) => new(leaves.Except(other));

    /// <summary>The fields set in an object; list items are named by their keys when the list is associative.</summary>
    public static FieldSet Of(JsonNode? node, ListSemantics lists)
    {
        var found = new List<string>();
        if (node is JsonObject root)
        {
            foreach (var (name, value) in root)
            {
                Walk(value, lists, [name], ["f:" + name], found);
            }
        }

        return new FieldSet(found);
    }

    private static void Walk(JsonNode? node, ListSemantics lists, List<string> names, List<string> path, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (name, value) in obj)
                {
                    Walk(value, lists, [.. names, name], [.. path, "f:" + name], found);
                }

                break;
            case JsonArray array when lists.Keys(names) is { } keys:
                foreach (var item in array)
                {
                    if (keys.Count == 0 || item is not JsonObject itemObj)
                    {
                        found.Add(Join([.. path, "v:" + (item?.ToJsonString() ?? "null")]));
                        continue;
                    }

                    var itemPath = new List<string>(path) { "k:" + KeyOf(itemObj, keys) };
                    found.Add(Join([.. itemPath, "."]));
                    foreach (var (name, value) in itemObj)
                    {
                        Walk(value, lists, [.. names, name], [.. itemPath, "f:" + name], found);
                    }
                }

                break;
            default:
                found.Add(Join(path));
                break;
        }
    }

    public static string KeyOf(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Where(k => item[k] is not null).OrderBy(k => k, StringComparer.Ordinal))
        {
            key[k] = item[k]!.DeepClone();
        }

        return key.ToJsonString();
    }

    /// <summary>The managedFields fieldsV1 tree.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var leaf in leaves.OrderBy(l => l, StringComparer.Ordinal))
        {
            var node = root;
            foreach (var part in Split(leaf))
            {
                if (node[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[part] = child;
                }

                node = child;
            }
        }

        return root;
    }

    public static FieldSet FromFieldsV1(JsonObject? tree)
    {
        var found = new List<string>();
        if (tree is not null)
        {
            Collect(tree, [], found);
        }

        return new FieldSet(found);
    }

    private static void Collect(JsonObject node, List<string> path, List<string> found)
    {
        foreach (var (name, child) in node)
        {
            if (child is JsonObject c && c.Count > 0)
            {
                Collect(c, [.. path, name], found);
            }
            else
            {
                found.Add(Join([.. path, name]));
            }
        }
    }

    public static string Join(IEnumerable<string> parts) => string.Join(Separator, parts);

    /// <summary>A leaf as kube-apiserver prints it in conflicts: .spec.containers[name="app"].image.</summary>
    public static string Display(string leaf)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in Split(leaf))
        {
            if (part.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(part[2..]);
            }
            else if (part.StartsWith("k:", StringComparison.Ordinal))
            {
                var keys = JsonNode.Parse(part[2..])!.AsObject();
                text.Append('[').Append(string.Join(",", keys.Select(kv => $"{kv.Key}={kv.Value!.ToJsonString()}"))).Append(']');
            }
            else if (part.StartsWith("v:", StringComparison.Ordinal))
            {
                text.Append('[').Append(part[2..]).Append(']');
            }
        }

        return text.ToString();
    }
}
