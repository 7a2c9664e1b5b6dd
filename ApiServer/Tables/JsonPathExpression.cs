using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Junction.ApiServer.Tables;

/// <summary>
/// The JSONPath subset printer columns use: .a.b, [n], [*] and filters [?(@.field=="value")], with or without
/// the surrounding braces.
/// </summary>
internal static partial class JsonPathExpression
{
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        text = text.TrimStart('$');
        IReadOnlyList<JsonNode?> current = [root];
        foreach (Match m in Token().Matches(text))
        {
            current = Step(current, m);
        }

        return current.Where(n => n is not null).ToList();
    }

    private static List<JsonNode?> Step(IReadOnlyList<JsonNode?> nodes, Match m)
    {
        var next = new List<JsonNode?>();
        foreach (var node in nodes)
        {
            if (m.Groups["field"].Success)
            {
                next.Add(node is JsonObject o ? o[m.Groups["field"].Value] : null);
            }
            else if (m.Groups["index"].Success && node is JsonArray a)
            {
                var i = int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                next.Add(i < 0 ? (a.Count + i >= 0 ? a[a.Count + i] : null) : (i < a.Count ? a[i] : null));
            }
            else if (m.Groups["all"].Success && node is JsonArray all)
            {
                next.AddRange(all);
            }
            else if (m.Groups["filter"].Success && node is JsonArray items)
            {
                var fieldPath = m.Groups["filter"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries);
                var expected = m.Groups["value"].Value;
                var equal = m.Groups["op"].Value == "==";
                next.AddRange(items.Where(item => Text(fieldPath.Aggregate(item, (n, f) => n?[f])) == expected == equal));
            }
        }

        return next;
    }

    /// <summary>A node as a printer column shows it: strings bare, everything else as JSON.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("""\.(?<field>[A-Za-z0-9_\-/]+)|\[(?<index>-?\d+)\]|\[(?<all>\*)\]|\[\?\(@\.(?<filter>[A-Za-z0-9_.\-]+)\s*(?<op>==|!=)\s*["'](?<value>[^"']*)["']\)\]""")]
    private static partial Regex Token();
}
