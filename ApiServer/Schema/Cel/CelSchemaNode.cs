using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// The schema tree cut down to the nodes that carry rules or have descendants that do, each with its
/// rules compiled once. Compile failures are collected with the CRD field paths kube-apiserver reports.
/// </summary>
internal sealed class CelSchemaNode
{
    private static readonly string[] Reasons = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"];

    private CelSchemaNode(string type, IReadOnlyList<CelRule> rules)
    {
        Type = type;
        Rules = rules;
    }

    /// <summary>The OpenAPI type, shown in errors as <c>Invalid value: "object"</c>.</summary>
    public string Type { get; }

    public IReadOnlyList<CelRule> Rules { get; }

    public Dictionary<string, CelSchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public CelSchemaNode? AdditionalProperties { get; private set; }

    public CelSchemaNode? Items { get; private set; }

    /// <summary>For <c>x-kubernetes-list-type: map</c>: the keys that correlate old and new items.</summary>
    public IReadOnlyList<string>? ListMapKeys { get; private set; }

    /// <summary>Builds the tree below <paramref name="schema"/>; null when no rule is in it.</summary>
    public static CelSchemaNode? Build(JsonObject schema, bool isRoot, string path, List<FieldError> errors)
    {
        var celSchema = isRoot ? CelValues.RootSchema(schema) : schema;
        var rules = CompileRules(schema, celSchema, path, errors);
        var node = new CelSchemaNode(schema["type"]?.GetValue<string>() ?? string.Empty, rules);
        var any = rules.Count > 0;
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject c && Build(c, false, $"{path}.properties[{name}]", errors) is { } built)
                {
                    node.Properties[name] = built;
                    any = true;
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject additional && Build(additional, false, $"{path}.additionalProperties", errors) is { } map)
        {
            node.AdditionalProperties = map;
            any = true;
        }

        if (schema["items"] is JsonObject items && Build(items, false, $"{path}.items", errors) is { } list)
        {
            node.Items = list;
            any = true;
            if (schema["x-kubernetes-list-type"]?.GetValue<string>() == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
            {
                node.ListMapKeys = keys.Select(k => k!.GetValue<string>()).ToList();
            }
        }

        return any ? node : null;
    }

    private static List<CelRule> CompileRules(JsonObject schema, JsonObject celSchema, string path, List<FieldError> errors)
    {
        var compiled = new List<CelRule>();
        if (schema["x-kubernetes-validations"] is not JsonArray validations)
        {
            return compiled;
        }

        for (var i = 0; i < validations.Count; i++)
        {
            if (validations[i] is not JsonObject v)
            {
                continue;
            }

            var at = $"{path}.x-kubernetes-validations[{i}]";
            var rule = Text(v, "rule");
            var message = Text(v, "message");
            var messageExpression = Text(v, "messageExpression");
            var reason = v["reason"]?.GetValue<string>();
            var fieldPath = v["fieldPath"]?.GetValue<string>();
            var shown = Show(rule, message, messageExpression, reason, fieldPath);
            var before = errors.Count;
            if (rule.Trim().Length == 0)
            {
                errors.Add(new FieldError($"{at}.rule", "FieldValueRequired", "Required value: rule is not specified"));
            }

            if (reason is not null && !Reasons.Contains(reason))
            {
                errors.Add(FieldError.NotSupported($"{at}.reason", $"\"{reason}\"", Reasons));
            }

            var normalized = fieldPath is null ? null : NormalizeFieldPath(fieldPath, celSchema, $"{at}.fieldPath", errors);
            var program = rule.Trim().Length == 0 ? null : TryCompile(rule, celSchema, $"{at}.rule", shown, "compilation failed: ", errors);
            var messageProgram = messageExpression.Trim().Length == 0 ? null : TryCompile(messageExpression, celSchema, $"{at}.messageExpression", $"\"{GoEscape(messageExpression)}\"", "messageExpression compilation failed: ", errors);
            if (errors.Count == before && program is not null)
            {
                compiled.Add(new CelRule(rule, message, messageExpression, reason, normalized, program, messageProgram));
            }
        }

        return compiled;
    }

    private static CelProgram? TryCompile(string source, JsonObject schema, string field, string shown, string prefix, List<FieldError> errors)
    {
        try
        {
            return CelParser.Compile(source, schema);
        }
        catch (CelCompileException e)
        {
            errors.Add(FieldError.Invalid(field, shown, prefix + e.Render(source)));
            return null;
        }
    }

    /// <summary>A rule's fieldPath (<c>.a.b</c>, <c>.a['k']</c>) as a field path below the node, checked against the schema.</summary>
    private static string? NormalizeFieldPath(string fieldPath, JsonObject schema, string field, List<FieldError> errors)
    {
        var result = new StringBuilder();
        var current = (JsonObject?)schema;
        var i = 0;
        while (i < fieldPath.Length && current is not null)
        {
            string name;
            if (fieldPath[i] == '.')
            {
                var end = fieldPath.IndexOfAny(['.', '['], i + 1);
                name = fieldPath[(i + 1)..(end < 0 ? fieldPath.Length : end)];
                i = end < 0 ? fieldPath.Length : end;
            }
            else if (fieldPath[i] == '[' && fieldPath.IndexOf("']", i, StringComparison.Ordinal) is var close and > 0 && i + 1 < fieldPath.Length && fieldPath[i + 1] == '\'')
            {
                name = fieldPath[(i + 2)..close];
                i = close + 2;
            }
            else
            {
                break;
            }

            if (current["properties"]?[name] is JsonObject property)
            {
                result.Append(result.Length == 0 ? name : "." + name);
                current = property;
            }
            else if (current["additionalProperties"] is JsonObject additional)
            {
                result.Append('[').Append(name).Append(']');
                current = additional;
            }
            else
            {
                current = null;
            }
        }

        if (current is null || i < fieldPath.Length || result.Length == 0)
        {
            errors.Add(FieldError.Invalid(field, $"\"{GoEscape(fieldPath)}\"", "fieldPath must be a valid path: does not refer to a valid field"));
            return null;
        }

        return result.ToString();
    }

    private static string Text(JsonObject v, string name) => v[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : string.Empty;

    /// <summary>The rule as Go's %#v prints apiextensions.ValidationRule in kube-apiserver's message.</summary>
    private static string Show(string rule, string message, string messageExpression, string? reason, string? fieldPath) =>
        $"apiextensions.ValidationRule{{Rule:\"{GoEscape(rule)}\", Message:\"{GoEscape(message)}\", MessageExpression:\"{GoEscape(messageExpression)}\", " +
        $"Reason:(*apiextensions.FieldValueErrorReason){(reason is null ? "(nil)" : $"(\"{reason}\")")}, FieldPath:\"{GoEscape(fieldPath ?? string.Empty)}\", OptionalOldSelf:(*bool)(nil)}}";

    private static string GoEscape(string s)
    {
        var b = new StringBuilder();
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return b.ToString();
    }
}
