using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Junction.Manifests;

/// <summary>
/// Turns a YAML node into JSON, checked against the .NET type it will be read into: unknown
/// fields, a mapping where a list belongs, a number where a string belongs and the like are
/// reported with their exact field path instead of a deserializer's guess.
/// </summary>
internal sealed class YamlToJson
{
    // Aliases share nodes, so a small document can expand enormously ("billion laughs").
    private const int MaxNodes = 200_000;
    private const int MaxDepth = 64;
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> Fields = new();
    private readonly List<string> _errors = [];
    private int _nodes;

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Converts against a target type; problems go to <see cref="Errors"/>.</summary>
    public JsonNode? Typed(YamlNode node, Type type, string path) => Convert(node, type, path, 0);

    /// <summary>Converts with kubectl's scalar rules and no schema.</summary>
    public JsonNode? Untyped(YamlNode node, string path) => Convert(node, typeof(object), path, 0);

    private JsonNode? Convert(YamlNode node, Type type, string path, int depth)
    {
        if (++_nodes > MaxNodes || depth > MaxDepth)
        {
            if (_nodes == MaxNodes + 1 || depth == MaxDepth + 1)
            {
                Error(path, "document is too large or too deeply nested (check for alias expansion)");
            }

            return null;
        }

        var declared = type;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object) || type == typeof(JsonNode) || type == typeof(System.Text.Json.JsonElement))
        {
            return node switch
            {
                YamlScalarNode s => YamlScalars.Resolve(s),
                YamlSequenceNode seq => new JsonArray(seq.Children.Select((c, i) => Convert(c, typeof(object), $"{path}[{i}]", depth + 1)).ToArray()),
                YamlMappingNode map => Mapping(map, _ => typeof(object), path, depth, strict: false),
                _ => null,
            };
        }

        if (node is YamlScalarNode scalar)
        {
            return Scalar(scalar, type, declared.IsValueType && type == declared, path);
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return node is YamlMappingNode map
                ? Mapping(map, _ => valueType, path, depth, strict: false)
                : Mismatch(path, "a mapping", node);
        }

        if (ElementType(type) is { } elementType)
        {
            return node is YamlSequenceNode seq
                ? new JsonArray(seq.Children.Select((c, i) => Convert(c, elementType, $"{path}[{i}]", depth + 1)).ToArray())
                : Mismatch(path, "a list", node);
        }

        if (IsObject(type))
        {
            var fields = FieldsOf(type);
            return node is YamlMappingNode map
                ? Mapping(map, key => fields.GetValueOrDefault(key), path, depth, strict: true)
                : Mismatch(path, "a mapping", node);
        }

        return Mismatch(path, "a scalar", node);
    }

    private JsonObject Mapping(YamlMappingNode map, Func<string, Type?> fieldType, string path, int depth, bool strict)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(path, $"keys must be scalars (line {keyNode.Start.Line}, column {keyNode.Start.Column})");
                continue;
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var type = fieldType(key);
            if (type is null)
            {
                if (strict)
                {
                    Error(childPath, $"unknown field \"{key}\"");
                }

                continue;
            }

            result[key] = Convert(valueNode, type, childPath, depth + 1);
        }

        return result;
    }

    private JsonNode? Scalar(YamlScalarNode scalar, Type type, bool required, string path)
    {
        var value = YamlScalars.Resolve(scalar);
        if (value is null)
        {
            return required ? Error(path, $"must be {(type == typeof(bool) ? "true or false" : "a number")}, got null") : null;
        }

        var kind = YamlScalars.KindOf(value);
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return kind == "string"
                ? value
                : Error(path, $"must be a string, got {kind} {scalar.Value}; quote it (\"{scalar.Value}\") to keep it as text");
        }

        if (type == typeof(ResourceQuantity) || type == typeof(IntOrString))
        {
            // Both accept "100m" and 2: kubectl sends either; the API keeps the text.
            return kind is "integer" or "number" or "string" ? JsonValue.Create(scalar.Value) : Error(path, $"must be a quantity, got {kind} {scalar.Value}");
        }

        if (type == typeof(bool))
        {
            return kind == "boolean" ? value : Error(path, $"must be true or false, got {Shown(kind, scalar)}");
        }

        if (type == typeof(int) || type == typeof(long))
        {
            var max = type == typeof(int) ? int.MaxValue : long.MaxValue;
            var min = type == typeof(int) ? int.MinValue : long.MinValue;
            return kind == "integer" && value.GetValue<long>() is var n && n >= min && n <= max
                ? value
                : Error(path, $"must be an integer, got {Shown(kind, scalar)}");
        }

        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            return kind is "integer" or "number" ? value : Error(path, $"must be a number, got {Shown(kind, scalar)}");
        }

        return Mismatch(path, "a mapping or list", scalar);
    }

    private static string Shown(string kind, YamlScalarNode scalar) =>
        kind == "string" ? $"string \"{scalar.Value}\"" : $"{kind} {scalar.Value}";

    private JsonNode? Mismatch(string path, string expected, YamlNode node)
    {
        var got = node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s when YamlScalars.Resolve(s) is null => "null",
            YamlScalarNode s => $"{YamlScalars.KindOf(YamlScalars.Resolve(s))} \"{s.Value}\"",
            _ => "an alias",
        };
        return Error(path, $"must be {expected}, got {got}");
    }

    private JsonNode? Error(string path, string message)
    {
        _errors.Add(path.Length == 0 ? message : $"{path}: {message}");
        return null;
    }

    private static bool IsObject(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(IList<>) || d == typeof(List<>) || d == typeof(IEnumerable<>) || d == typeof(IReadOnlyList<>) || d == typeof(ICollection<>))
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static Dictionary<string, Type> FieldsOf(Type type) => Fields.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p => p.PropertyType, StringComparer.Ordinal));

    /// <summary>Formats a 1-based line and column.</summary>
    public static string Position(YamlDotNet.Core.Mark mark) =>
        string.Create(CultureInfo.InvariantCulture, $"line {mark.Line}, column {mark.Column}");
}
