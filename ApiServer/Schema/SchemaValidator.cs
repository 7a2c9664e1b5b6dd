using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema;

/// <summary>
/// Validates a custom resource against its structural openAPIV3Schema the way kube-apiserver does:
/// applies defaults, prunes (or reports) unknown fields and collects field errors with the same wording.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly string[] RootFields = ["apiVersion", "kind", "metadata"];
    private readonly List<FieldError> errors = [];
    private readonly List<string> unknown = [];

    public IReadOnlyList<FieldError> Errors => errors;

    /// <summary>Unknown fields found (and pruned), as dotted paths.</summary>
    public IReadOnlyList<string> UnknownFields => unknown;

    public static SchemaValidator Run(JsonObject obj, JsonObject schema)
    {
        var validator = new SchemaValidator();
        var properties = schema["properties"] as JsonObject;
        var preserve = PreservesUnknown(schema);
        foreach (var (name, value) in obj.ToList())
        {
            if (RootFields.Contains(name))
            {
                continue;
            }

            if (properties?[name] is JsonObject child)
            {
                validator.Walk(value, child, name, obj, name);
            }
            else if (!preserve)
            {
                validator.unknown.Add(name);
                obj.Remove(name);
            }
        }

        validator.ApplyDefaults(obj, properties);
        validator.Required(obj, schema, string.Empty);
        return validator;
    }

    private void Walk(JsonNode? value, JsonObject schema, string path, JsonObject? parent, string field)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                parent?.Remove(field);
            }

            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (!IsInteger(value) && value.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(TypeError(path, value, "integer or string"));
            }
            else if (value.GetValueKind() == JsonValueKind.String)
            {
                // The pattern and length rules still hold for the string form (quantities: "500m", not "abc").
                CheckScalar(value.AsValue(), schema, path);
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        if (type is not null && !HasType(value, type))
        {
            errors.Add(TypeError(path, value, type));
            return;
        }

        CheckEnum(value, schema, path);
        switch (value)
        {
            case JsonObject obj:
                WalkObject(obj, schema, path);
                break;
            case JsonArray array:
                WalkArray(array, schema, path);
                break;
            default:
                CheckScalar(value.AsValue(), schema, path);
                break;
        }
    }

    private void WalkObject(JsonObject obj, JsonObject schema, string path)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = PreservesUnknown(schema);
        foreach (var (name, value) in obj.ToList())
        {
            var childPath = $"{path}.{name}";
            if (properties?[name] is JsonObject child)
            {
                Walk(value, child, childPath, obj, name);
            }
            else if (additional is JsonObject additionalSchema)
            {
                Walk(value, additionalSchema, childPath, obj, name);
            }
            else if (!preserve && additional?.GetValue<bool>() != true && (properties is not null || additional is not null || schema["type"] is not null))
            {
                unknown.Add(childPath);
                obj.Remove(name);
            }
        }

        ApplyDefaults(obj, properties);
        Required(obj, schema, path);
        CheckCount(obj.Count, schema, path, "minProperties", "maxProperties", "properties");
    }

    private void WalkArray(JsonArray array, JsonObject schema, string path)
    {
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], items, $"{path}[{i}]", null, string.Empty);
            }
        }

        if (schema["maxItems"] is JsonNode max && array.Count > max.Long())
        {
            errors.Add(FieldError.TooMany(path, array.Count, max.Long()));
        }

        if (schema["minItems"] is JsonNode min && array.Count < min.Long())
        {
            errors.Add(FieldError.Invalid(path, array.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {min.Long()} items"));
        }

        if (schema["x-kubernetes-list-type"]?.GetValue<string>() == "set")
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                if (!seen.Add(array[i]?.ToJsonString() ?? "null"))
                {
                    errors.Add(new FieldError($"{path}[{i}]", "FieldValueDuplicate", $"Duplicate value: {array[i]?.ToJsonString()}"));
                }
            }
        }
    }

    private void CheckScalar(JsonValue value, JsonObject schema, string path)
    {
        var shown = Show(value);
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var number = value.Double();
            if (schema["maximum"] is JsonNode max)
            {
                var exclusive = schema["exclusiveMaximum"]?.GetValue<bool>() == true;
                if (exclusive ? number >= max.Double() : number > max.Double())
                {
                    errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be less than {(exclusive ? string.Empty : "or equal to ")}{max.ToJsonString()}"));
                }
            }

            if (schema["minimum"] is JsonNode min)
            {
                var exclusive = schema["exclusiveMinimum"]?.GetValue<bool>() == true;
                if (exclusive ? number <= min.Double() : number < min.Double())
                {
                    errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be greater than {(exclusive ? string.Empty : "or equal to ")}{min.ToJsonString()}"));
                }
            }
        }

        if (value.TryGetValue<string>(out var text))
        {
            if (schema["maxLength"] is JsonNode maxLength && text.Length > maxLength.Long())
            {
                errors.Add(new FieldError(path, "FieldValueTooLong", $"Too long: may not be more than {maxLength.Long()} bytes"));
            }

            if (schema["minLength"] is JsonNode minLength && text.Length < minLength.Long())
            {
                errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be at least {minLength.Long()} chars long"));
            }

            if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add(FieldError.Invalid(path, shown, $"{path} in body should match '{pattern}'"));
            }
        }
    }

    private void CheckEnum(JsonNode value, JsonObject schema, string path)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add(FieldError.NotSupported(path, Show(value), allowed.Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : a?.ToJsonString() ?? "null")));
        }
    }

    private void CheckCount(int count, JsonObject schema, string path, string minName, string maxName, string noun)
    {
        if (schema[maxName] is JsonNode max && count > max.Long())
        {
            errors.Add(FieldError.TooMany(path, count, max.Long()) with { Message = $"Too many: {count}: must have at most {max.Long()} {noun}" });
        }

        if (schema[minName] is JsonNode min && count < min.Long())
        {
            errors.Add(FieldError.Invalid(path, count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {min.Long()} {noun}"));
        }
    }

    private void Required(JsonObject obj, JsonObject schema, string path)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()).Where(n => !obj.ContainsKey(n)))
            {
                errors.Add(FieldError.Required(path.Length == 0 ? name : $"{path}.{name}"));
            }
        }
    }

    private void ApplyDefaults(JsonObject obj, JsonObject? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, child) in properties)
        {
            if (!obj.ContainsKey(name) && child?["default"] is JsonNode value)
            {
                obj[name] = value.DeepClone();
            }
        }
    }

    private static bool PreservesUnknown(JsonObject schema) => schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;

    private static bool HasType(JsonNode value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value.GetValueKind() == JsonValueKind.String,
        "integer" => IsInteger(value),
        "number" => value.GetValueKind() == JsonValueKind.Number,
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };

    private static bool IsInteger(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && value.TryDouble(out var d) && Math.Floor(d) == d;

    private static FieldError TypeError(string path, JsonNode value, string type) =>
        FieldError.TypeInvalid(path, Show(value), $"{path} in body must be of type {type}: \"{KindName(value)}\"");

    private static string KindName(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Show(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "\"object\"",
        JsonValueKind.Array => "\"array\"",
        _ => value.ToJsonString(),
    };
}
