using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Validation;

/// <summary>
/// Tolerant reads of a decoded object: the typed decoding (BuiltinSchema) has already refused what a Go
/// struct cannot hold, so a value of another kind here is one it does not know and is treated as absent.
/// </summary>
internal static class Json
{
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool? Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>The objects of an array (a non-object item is an empty object), or none.</summary>
    public static IReadOnlyList<JsonObject> Items(JsonNode? node) =>
        node is JsonArray a ? a.Select(i => i as JsonObject ?? []).ToList() : [];

    /// <summary>A map of strings in Go's key order (sorted, ordinal), or null when absent.</summary>
    public static SortedDictionary<string, string>? StringMap(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return null;
        }

        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in o)
        {
            map[k] = Str(v) ?? v?.ToJsonString() ?? string.Empty;
        }

        return map;
    }
}
