using System.Globalization;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A retry policy; attempts come from the attributes, conditions are checked here.</summary>
internal sealed class RetryPolicyValidator : JsonValidator<RetryPolicy>
{
    /// <summary>The named retry conditions.</summary>
    public static readonly IReadOnlyList<string> Conditions = ["connect-failure", "reset", "timeout", "gateway-error", "5xx"];

    public RetryPolicyValidator()
    {
        Check((retry, report) =>
        {
            DurationRules.Check(retry.PerTryTimeout, DurationRules.OneHour, "perTryTimeout", report);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < (retry.RetryOn?.Count ?? 0); i++)
            {
                if (retry.RetryOn![i] is { } condition)
                {
                    CheckCondition(condition, $"retryOn[{i}]", report);
                    if (!seen.TryAdd(condition, i))
                    {
                        report.Error($"retryOn[{i}]", $"duplicate condition \"{condition}\" (also retryOn[{seen[condition]}])");
                    }
                }
            }

            if (retry.RetryNonIdempotent == true)
            {
                report.Warning("retryNonIdempotent", "POST and PATCH requests are replayed on failure and may be applied twice");
            }

            if (retry.Attempts == 0 && retry.RetryOn is { Count: > 0 })
            {
                report.Warning("retryOn", "has no effect with attempts 0");
            }
        });
    }

    public static bool IsStatusCode(string condition) =>
        condition.Length == 3 && int.TryParse(condition, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
        && code is (>= 500 and <= 599) or 429 or 408;

    private static void CheckCondition(string condition, string path, Reporter<RetryPolicy> report)
    {
        if (!Conditions.Contains(condition) && !IsStatusCode(condition))
        {
            report.Error(path, $"unsupported value \"{condition}\": must be one of {string.Join(", ", Conditions)}, or a status code 500-599, 429 or 408");
        }
        else if (report.IsTcp && condition != "connect-failure")
        {
            report.Error(path, $"protocol TCP can retry only on connect-failure; \"{condition}\" needs HTTP");
        }
    }
}
