using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>metav1 ValidateLabelSelector, and the evaluation of a selector against labels.</summary>
internal static class LabelSelectorValidator
{
    public static IEnumerable<FieldError> Validate(JsonObject selector, string path)
    {
        foreach (var e in ObjectMetaValidator.Labels(Json.StringMap(selector["matchLabels"]), $"{path}.matchLabels"))
        {
            yield return e;
        }

        var expressions = Json.Items(selector["matchExpressions"]);
        for (var i = 0; i < expressions.Count; i++)
        {
            var at = $"{path}.matchExpressions[{i}]";
            var requirement = expressions[i];
            var op = Json.Str(requirement["operator"]) ?? string.Empty;
            var values = requirement["values"] as JsonArray;
            switch (op)
            {
                case "In" or "NotIn":
                    if (values is null || values.Count == 0)
                    {
                        yield return Problems.Required($"{at}.values", "must be specified when `operator` is 'In' or 'NotIn'");
                    }

                    break;
                case "Exists" or "DoesNotExist":
                    if (values is { Count: > 0 })
                    {
                        yield return Problems.Forbidden($"{at}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }

                    break;
                default:
                    yield return Problems.Invalid($"{at}.operator", op, "not a valid selector operator");
                    break;
            }

            var key = Json.Str(requirement["key"]) ?? string.Empty;
            foreach (var msg in Formats.QualifiedName(key))
            {
                yield return Problems.Invalid($"{at}.key", key, msg);
            }

            if (values is not null)
            {
                for (var v = 0; v < values.Count; v++)
                {
                    var value = Json.Str(values[v]) ?? string.Empty;
                    foreach (var msg in Formats.LabelValue(value))
                    {
                        yield return Problems.Invalid($"{at}.values[{v}]", value, msg);
                    }
                }
            }
        }
    }

    /// <summary>True when the selector has neither matchLabels nor matchExpressions (it selects everything).</summary>
    public static bool IsEmpty(JsonObject selector) =>
        (Json.StringMap(selector["matchLabels"])?.Count ?? 0) + Json.Items(selector["matchExpressions"]).Count == 0;

    /// <summary>True when metav1.LabelSelectorAsSelector accepts the selector: it checks what validation checks.</summary>
    public static bool IsEvaluable(JsonObject selector) => !Validate(selector, "selector").Any();

    /// <summary>Evaluates matchLabels and matchExpressions against labels; an empty selector matches everything.</summary>
    public static bool Matches(JsonObject selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (k, v) in Json.StringMap(selector["matchLabels"]) ?? [])
        {
            if (!labels.TryGetValue(k, out var actual) || actual != v)
            {
                return false;
            }
        }

        foreach (var r in Json.Items(selector["matchExpressions"]))
        {
            var key = Json.Str(r["key"]) ?? string.Empty;
            var values = (r["values"] as JsonArray)?.Select(v => Json.Str(v) ?? string.Empty).ToHashSet(StringComparer.Ordinal) ?? [];
            var has = labels.TryGetValue(key, out var value);
            var ok = Json.Str(r["operator"]) switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
