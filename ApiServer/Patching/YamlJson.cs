using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Junction.ApiServer.Patching;

/// <summary>Converts YAML to JSON nodes with YAML 1.1 scalar typing as Kubernetes' sigs.k8s.io/yaml does.</summary>
internal static class YamlJson
{
    public static JsonNode? Parse(string text)
    {
        var stream = Load(text);

        // Round-trip through text so numbers behave like parsed JSON everywhere else.
        return stream.Documents.Count == 0 ? null : JsonNode.Parse(Convert(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");
    }

    /// <summary>Every document of a multi-document YAML stream, skipping empty ones.</summary>
    public static IReadOnlyList<JsonObject> ParseAll(string text)
    {
        var stream = Load(text);

        return stream.Documents
            .Select(d => Convert(d.RootNode))
            .OfType<JsonObject>()
            .Select(o => JsonNode.Parse(o.ToJsonString())!.AsObject())
            .ToList();
    }

    /// <summary>Loads the text once it is known to stay within <see cref="YamlLimits"/>.</summary>
    private static YamlStream Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            if (YamlLimits.Problem(text) is { } problem)
            {
                throw Store.Errors.BadRequest($"error converting YAML to JSON: yaml: {problem}");
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Store.Errors.BadRequest($"error converting YAML to JSON: {e.Message}");
        }

        return stream;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => Map(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject Map(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            obj[((YamlScalarNode)key).Value ?? string.Empty] = Convert(value);
        }

        return obj;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when IsFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }

    private static bool IsFloat(string value) => value.Length > 0 && (char.IsDigit(value[0]) || value[0] is '-' or '+' or '.') && value.Any(char.IsDigit) && !value.Contains(':', StringComparison.Ordinal);
}
