using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;
using YamlDotNet.RepresentationModel;
using static Junction.Crds.YamlNodes;

namespace Junction.Crds;

/// <summary>
/// Builds a structural OpenAPI v3 schema from the API types: descriptions from the XML docs,
/// facts from the DataAnnotations (the same attributes Junction.Validation enforces).
/// Properties are sorted by name and every schema's keys come in one fixed order.
/// </summary>
internal sealed class SchemaBuilder(XmlDocs docs)
{
    public YamlMappingNode ForType(Type type, string? description) => Schema(type, null, description, null);

    private YamlMappingNode Schema(Type type, PropertyInfo? property, string? description, Type? owner)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(V1ResourceRequirements))
        {
            return KnownSchemas.ResourceRequirements(description);
        }

        if (type == typeof(V1ObjectMeta))
        {
            // The API server owns metadata's schema; a CRD may only say it is an object.
            return Map(("type", Str("object")));
        }

        if (ElementType(type) is { } element)
        {
            return Array(element, property, description, owner);
        }

        if (type.IsClass && type != typeof(string))
        {
            return Object(type, description);
        }

        return Scalar(type, property, description);
    }

    private YamlMappingNode Object(Type type, string? description)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (Property: p, Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var required = properties.Where(p => p.Property.GetCustomAttribute<RequiredAttribute>() is not null).Select(p => p.Name).ToList();
        var children = properties.Select(p => (p.Name, (YamlNode?)Schema(p.Property.PropertyType, p.Property, Describe(p.Property), type))).ToArray();
        return Map(
            ("description", description is null ? null : Str(description)),
            ("type", Str("object")),
            ("properties", children.Length == 0 ? null : Map(children)),
            ("required", required.Count == 0 ? null : Strings(required)),
            ("x-kubernetes-validations", CelRules.For(type)));
    }

    private YamlMappingNode Array(Type element, PropertyInfo? property, string? description, Type? owner)
    {
        var items = element == typeof(V1Condition) ? KnownSchemas.Condition() : Schema(element, null, null, null);
        var isConditions = element == typeof(V1Condition);
        return Map(
            ("description", description is null ? null : Str(description)),
            ("type", Str("array")),
            ("items", items),
            ("maxItems", property?.GetCustomAttribute<MaxLengthAttribute>() is { } max ? Int(max.Length) : null),
            ("minItems", property?.GetCustomAttribute<MinLengthAttribute>() is { } min ? Int(min.Length) : null),
            ("x-kubernetes-list-map-keys", isConditions ? Strings(["type"]) : null),
            ("x-kubernetes-list-type", isConditions ? Str("map") : null),
            ("x-kubernetes-validations", owner is null || property is null ? null : CelRules.For(owner, property.Name)));
    }

    private static YamlMappingNode Scalar(Type type, PropertyInfo? property, string? description)
    {
        var (schemaType, format) = type switch
        {
            _ when type == typeof(string) => ("string", null),
            _ when type == typeof(bool) => ("boolean", null),
            _ when type == typeof(int) => ("integer", "int32"),
            _ when type == typeof(long) => ("integer", "int64"),
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => ("string", "date-time"),
            _ => throw new NotSupportedException($"no schema for {type} of {property?.DeclaringType?.Name}.{property?.Name}"),
        };
        var range = property?.GetCustomAttribute<RangeAttribute>();
        var length = property?.GetCustomAttribute<StringLengthAttribute>();
        var allowed = property?.GetCustomAttribute<AllowedValuesAttribute>();
        return Map(
            ("description", description is null ? null : Str(description)),
            ("type", Str(schemaType)),
            ("format", format is null ? null : Str(format)),
            ("enum", allowed is null ? null : Seq(allowed.Values.Select(EnumValue))),
            ("maximum", range is null ? null : Int(System.Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture))),
            ("minimum", range is null ? null : Int(System.Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture))),
            ("maxLength", length is null ? null : Int(length.MaximumLength)),
            ("minLength", length is { MinimumLength: > 0 } ? Int(length.MinimumLength) : null),
            ("pattern", property?.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern ? Str(pattern.Pattern) : null));
    }

    private static YamlNode EnumValue(object? value) => value switch
    {
        int i => Int(i),
        long l => Int(l),
        _ => Str(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private string? Describe(PropertyInfo property) =>
        docs.Summary($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IList<>) || d == typeof(List<>) || d == typeof(IReadOnlyList<>))
            ? type.GetGenericArguments()[0]
            : null;
}
