using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Validation;

/// <summary>
/// Values as kube-apiserver prints them inside field errors: Go's %q for strings and %#v for maps and
/// label selectors, because clients and people compare these messages with what a cluster says.
/// </summary>
internal static class GoText
{
    private static readonly Dictionary<int, string> Escapes = new()
    {
        ['"'] = "\\\"",
        ['\\'] = "\\\\",
        ['\a'] = "\\a",
        ['\b'] = "\\b",
        ['\f'] = "\\f",
        ['\n'] = "\\n",
        ['\r'] = "\\r",
        ['\t'] = "\\t",
        ['\v'] = "\\v",
    };

    /// <summary>Go's strconv.Quote.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            if (Escapes.TryGetValue(rune.Value, out var escape))
            {
                sb.Append(escape);
            }
            else if (rune.Value < 0x20 || rune.Value == 0x7f)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
            }
            else if (!Printable(rune))
            {
                sb.Append(rune.Value > 0xffff ? $"\\U{rune.Value:x8}" : $"\\u{rune.Value:x4}");
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A map[string]string as %#v prints it (keys sorted).</summary>
    public static string StringMap(IReadOnlyDictionary<string, string>? map) =>
        map is null
            ? "map[string]string(nil)"
            : "map[string]string{" + string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{Quote(kv.Key)}:{Quote(kv.Value)}")) + "}";

    /// <summary>A metav1.LabelSelector as %#v prints it.</summary>
    public static string LabelSelector(JsonObject? selector)
    {
        var labels = Json.StringMap(selector?["matchLabels"]);
        var expressions = selector?["matchExpressions"] is JsonArray
            ? "[]v1.LabelSelectorRequirement{" + string.Join(", ", Json.Items(selector["matchExpressions"]).Select(Requirement)) + "}"
            : "[]v1.LabelSelectorRequirement(nil)";
        return $"v1.LabelSelector{{MatchLabels:{StringMap(labels)}, MatchExpressions:{expressions}}}";
    }

    private static string Requirement(JsonObject r)
    {
        var values = r["values"] is JsonArray a
            ? "[]string{" + string.Join(", ", a.Select(v => Quote(Json.Str(v) ?? string.Empty))) + "}"
            : "[]string(nil)";
        return $"v1.LabelSelectorRequirement{{Key:{Quote(Json.Str(r["key"]) ?? string.Empty)}, Operator:{Quote(Json.Str(r["operator"]) ?? string.Empty)}, Values:{values}}}";
    }

    private static bool Printable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
