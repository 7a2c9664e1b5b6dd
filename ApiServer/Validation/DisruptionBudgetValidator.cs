using System.Globalization;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>policy ValidatePodDisruptionBudgetSpec: one of the two bounds, each a count of at least 0 or a percentage.</summary>
internal static class DisruptionBudgetValidator
{
    public static IEnumerable<FieldError> Validate(JsonObject pdb)
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

            var ok = value.TryGetValue<long>(out var count)
                ? count >= 0
                : value.TryGetValue<string>(out var percent) && percent.EndsWith('%')
                    && int.TryParse(percent[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 100;
            if (!ok)
            {
                yield return FieldError.Invalid($"spec.{field}", value.ToJsonString(), "must be a non-negative integer or a percentage between 0% and 100%");
            }
        }

        if (spec?["selector"] is JsonObject selector)
        {
            foreach (var e in LabelSelectorValidator.Validate(selector, "spec.selector"))
            {
                yield return e;
            }
        }
    }
}
