using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Decoding;

/// <summary>
/// Parses a JSON object body keeping duplicate members as Go does (the last wins) and noting each
/// duplicate with its path, for strict decoding's "duplicate field" reports.
/// </summary>
internal static class StrictJson
{
    /// <exception cref="ApiException">400 when the text is not a JSON object.</exception>
    public static ParsedJson Parse(string text, string what = "the request body")
    {
        Http.RequestBody.CheckDepth(text);
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = Patching.YamlLimits.MaxDepth + 1 });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Errors.BadRequest($"{what} is not a JSON object");
        }

        var walk = new Walk();
        var root = (JsonObject)walk.Node(document.RootElement, string.Empty)!;
        return new ParsedJson(root, walk.Duplicates, walk.Order);
    }

    private sealed class Walk
    {
        private int next;

        public List<(string Path, int Order)> Duplicates { get; } = [];

        public Dictionary<string, int> Order { get; } = new(StringComparer.Ordinal);

        public JsonNode? Node(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var obj = new JsonObject();
                    foreach (var member in element.EnumerateObject())
                    {
                        var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                        var order = next++;
                        if (obj.ContainsKey(member.Name))
                        {
                            Duplicates.Add((memberPath, order));
                            obj.Remove(member.Name);
                        }
                        else
                        {
                            Order[memberPath] = order;
                        }

                        obj[member.Name] = Node(member.Value, memberPath);
                    }

                    return obj;
                case JsonValueKind.Array:
                    var array = new JsonArray();
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        array.Add(Node(item, $"{path}[{index++}]"));
                    }

                    return array;
                case JsonValueKind.Null:
                    return null;
                default:
                    return JsonValue.Create(element.Clone());
            }
        }
    }

    /// <summary>Escapes nothing beyond JSON's own rules, so messages quote objects as Go writes them.</summary>
    public static string Compact(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
