using System.Text.Json.Nodes;
using Junction.ApiServer.Selectors;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>The validation rules of the built-in kinds that a controller can trip over.</summary>
internal static class BuiltinValidator
{
    public static IEnumerable<FieldError> Validate(string key, JsonObject obj, JsonObject? old)
    {
        return key switch
        {
            "deployments.apps" => Deployment(obj, old),
            "services" => Service(obj, old),
            "pods" => Containers(obj["spec"] as JsonObject, "spec"),
            "configmaps" => ConfigMap(obj),
            "poddisruptionbudgets.policy" => DisruptionBudget(obj),
            _ => [],
        };
    }

    private static IEnumerable<FieldError> Deployment(JsonObject d, JsonObject? old)
    {
        var spec = d["spec"] as JsonObject;
        if (spec?["selector"] is not JsonObject selector)
        {
            yield return FieldError.Required("spec.selector");
            yield break;
        }

        var replicas = spec["replicas"]?.Long() ?? 1;
        if (replicas < 0)
        {
            yield return FieldError.Invalid("spec.replicas", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0");
        }

        var templateLabels = spec["template"]?["metadata"]?["labels"] as JsonObject;
        var labels = templateLabels?.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? string.Empty) ?? [];
        if (!SelectorMatches(selector, labels))
        {
            var shown = "map[string]string{" + string.Join(", ", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";
            yield return FieldError.Invalid("spec.template.metadata.labels", shown, "`selector` does not match template `labels`");
        }

        if (old?["spec"]?["selector"] is JsonNode oldSelector && !JsonNode.DeepEquals(oldSelector, selector))
        {
            yield return FieldError.Invalid("spec.selector", selector.ToJsonString(), "field is immutable");
        }

        foreach (var e in Containers(spec["template"]?["spec"] as JsonObject, "spec.template.spec"))
        {
            yield return e;
        }
    }

    // kube-apiserver's ValidatePodDisruptionBudgetSpec: one of the two bounds, each a count of at least 0 or a percentage.
    private static IEnumerable<FieldError> DisruptionBudget(JsonObject pdb)
    {
        var spec = pdb["spec"] as JsonObject;
        if (spec?["minAvailable"] is not null && spec["maxUnavailable"] is not null)
        {
            yield return FieldError.Invalid("spec", spec.ToJsonString(), "minAvailable and maxUnavailable cannot be both set");
        }

        foreach (var field in new[] { "minAvailable", "maxUnavailable" })
        {
            if (spec?[field] is not JsonValue value)
            {
                continue;
            }

            var text = value.ToJsonString();
            var ok = value.TryGetValue<long>(out var count)
                ? count >= 0
                : value.TryGetValue<string>(out var percent) && percent.EndsWith('%')
                    && int.TryParse(percent[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p <= 100;
            if (!ok)
            {
                yield return FieldError.Invalid($"spec.{field}", text, "must be a non-negative integer or a percentage between 0% and 100%");
            }
        }
    }

    private static IEnumerable<FieldError> Containers(JsonObject? podSpec, string path)
    {
        if (podSpec?["containers"] is not JsonArray containers || containers.Count == 0)
        {
            yield return FieldError.Required($"{path}.containers");
            yield break;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i]?["name"] is null)
            {
                yield return FieldError.Required($"{path}.containers[{i}].name");
            }

            if (containers[i]?["image"] is null)
            {
                yield return FieldError.Required($"{path}.containers[{i}].image");
            }
        }
    }

    private static IEnumerable<FieldError> Service(JsonObject svc, JsonObject? old)
    {
        var spec = svc["spec"] as JsonObject;
        var oldIp = old?["spec"]?["clusterIP"]?.GetValue<string>();
        var newIp = spec?["clusterIP"]?.GetValue<string>();
        if (oldIp is not null && newIp is not null && oldIp != newIp)
        {
            yield return FieldError.Invalid("spec.clusterIPs[0]", $"[]string{{\"{newIp}\"}}", "may not change once set");
        }

        var headless = newIp == "None";
        var type = spec?["type"]?.GetValue<string>();
        if (!headless && type != "ExternalName" && (spec?["ports"] is not JsonArray ports || ports.Count == 0))
        {
            yield return FieldError.Required("spec.ports");
        }
    }

    private static IEnumerable<FieldError> ConfigMap(JsonObject cm)
    {
        foreach (var field in new[] { "data", "binaryData" })
        {
            if (cm[field] is JsonObject data)
            {
                foreach (var (k, _) in data.Where(kv => !System.Text.RegularExpressions.Regex.IsMatch(kv.Key, "^[-._a-zA-Z0-9]+$")))
                {
                    yield return FieldError.Invalid($"{field}[{k}]", $"\"{k}\"", "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
                }
            }
        }
    }

    /// <summary>Evaluates a metav1.LabelSelector (matchLabels and matchExpressions) against labels.</summary>
    public static bool SelectorMatches(JsonObject selector, IReadOnlyDictionary<string, string> labels)
    {
        var terms = new List<string>();
        if (selector["matchLabels"] is JsonObject ml)
        {
            terms.AddRange(ml.Select(kv => $"{kv.Key}={kv.Value?.GetValue<string>()}"));
        }

        if (selector["matchExpressions"] is JsonArray me)
        {
            foreach (var e in me.OfType<JsonObject>())
            {
                var k = e["key"]?.GetValue<string>();
                var values = (e["values"] as JsonArray)?.Select(v => v?.GetValue<string>()) ?? [];
                terms.Add(e["operator"]?.GetValue<string>() switch
                {
                    "In" => $"{k} in ({string.Join(',', values)})",
                    "NotIn" => $"{k} notin ({string.Join(',', values)})",
                    "Exists" => k!,
                    _ => "!" + k,
                });
            }
        }

        return terms.Count > 0 && LabelSelector.Parse(string.Join(',', terms)).Matches(labels);
    }
}
