using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// apps ValidateDeploymentSpec: replicas, a required non-empty selector matching the template's labels,
/// the pod template, timing fields; on update the selector may not change (apps/v1).
/// </summary>
internal static class DeploymentValidator
{
    public static IEnumerable<FieldError> Validate(JsonObject deployment, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var spec = deployment["spec"] as JsonObject;
        errors.AddRange(Problems.NonNegative("spec.replicas", Json.Int(spec?["replicas"])));
        var selector = spec?["selector"] as JsonObject;
        if (selector is null)
        {
            errors.Add(Problems.Required("spec.selector"));
        }
        else
        {
            errors.AddRange(LabelSelectorValidator.Validate(selector, "spec.selector"));
            if (LabelSelectorValidator.IsEmpty(selector))
            {
                errors.Add(Problems.InvalidPrinted("spec.selector", GoText.LabelSelector(selector), "empty selector is invalid for deployment"));
            }
        }

        var template = spec?["template"] as JsonObject;
        if (selector is not null && !LabelSelectorValidator.IsEvaluable(selector))
        {
            errors.Add(Problems.InvalidPrinted("spec.selector", GoText.LabelSelector(selector), "invalid label selector"));
        }
        else
        {
            errors.AddRange(Template(template, selector, "spec.template"));
        }

        errors.AddRange(Strategy(spec?["strategy"] as JsonObject));
        var minReady = Json.Int(spec?["minReadySeconds"]) ?? 0;
        errors.AddRange(Problems.NonNegative("spec.minReadySeconds", minReady));
        errors.AddRange(Problems.NonNegative("spec.revisionHistoryLimit", Json.Int(spec?["revisionHistoryLimit"])));
        if (Json.Int(spec?["progressDeadlineSeconds"]) is { } deadline)
        {
            errors.AddRange(Problems.NonNegative("spec.progressDeadlineSeconds", deadline));
            if (deadline <= minReady)
            {
                errors.Add(Problems.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
            }
        }

        if (old?["spec"]?["selector"] is JsonObject oldSelector && !JsonNode.DeepEquals(oldSelector, selector))
        {
            errors.Add(Problems.InvalidPrinted("spec.selector", GoText.LabelSelector(selector), Formats.ImmutableText));
        }

        return errors;
    }

    /// <summary>ValidatePodTemplateSpecForReplicaSet: the selector (nil selects nothing) must match the template's labels.</summary>
    public static IEnumerable<FieldError> Template(JsonObject? template, JsonObject? selector, string path)
    {
        var errors = new List<FieldError>();
        var meta = template?["metadata"] as JsonObject;
        var labels = Json.StringMap(meta?["labels"]);
        var empty = selector is not null && LabelSelectorValidator.IsEmpty(selector);
        if (!empty && (selector is null || !LabelSelectorValidator.Matches(selector, labels ?? [])))
        {
            errors.Add(Problems.InvalidPrinted($"{path}.metadata.labels", GoText.StringMap(labels), "`selector` does not match template `labels`"));
        }

        // The template's ObjectMeta is validated at the template's own path, hence "spec.template.labels".
        errors.AddRange(ObjectMetaValidator.Labels(labels, $"{path}.labels"));
        errors.AddRange(ObjectMetaValidator.Annotations(Json.StringMap(meta?["annotations"]), $"{path}.annotations"));
        var podSpec = template?["spec"] as JsonObject;
        errors.AddRange(PodSpecValidator.Validate(podSpec, $"{path}.spec"));
        if (Json.Str(podSpec?["restartPolicy"]) is { } restart and not "Always")
        {
            errors.Add(Problems.NotSupported($"{path}.spec.restartPolicy", restart, ["Always"]));
        }

        if (Json.Int(podSpec?["activeDeadlineSeconds"]) is { } deadline)
        {
            errors.Add(Problems.Invalid($"{path}.spec.activeDeadlineSeconds", deadline, "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }

        return errors;
    }

    private static IEnumerable<FieldError> Strategy(JsonObject? strategy)
    {
        switch (Json.Str(strategy?["type"]))
        {
            case "Recreate":
                if (strategy?["rollingUpdate"] is not null)
                {
                    yield return Problems.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
                }

                break;
            case "RollingUpdate":
                foreach (var field in new[] { "maxUnavailable", "maxSurge" })
                {
                    foreach (var e in Problems.NonNegative($"spec.strategy.rollingUpdate.{field}", Json.Int(strategy?["rollingUpdate"]?[field])))
                    {
                        yield return e;
                    }
                }

                break;
            default:
                break;
        }
    }
}
