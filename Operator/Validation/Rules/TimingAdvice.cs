using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Warnings about timeouts and retries that work against each other, for the spec and for each route.</summary>
internal static class TimingAdvice
{
    // timeouts/timeoutsPath: the block being checked (spec.timeouts or a route's); retry/retryPath: the retry policy set there.
    public static void Check<T>(EffectiveTimeouts effective, Timeouts? timeouts, string timeoutsPath, RetryPolicy? retry, string retryPath, Reporter<T> report)
    {
        if (timeouts is not null && effective.BackendRequest is { } backend && backend >= effective.Request && DurationRules.Parse(timeouts.BackendRequest) is not null)
        {
            report.Warning($"{timeoutsPath}.backendRequest", $"{Duration.Format(backend)} is not shorter than the request timeout {Duration.Format(effective.Request)}, so no retry can start in time");
        }

        if (timeouts is not null && DurationRules.Parse(timeouts.Idle) is { } idle && idle < effective.Request)
        {
            report.Warning($"{timeoutsPath}.idle", $"{Duration.Format(idle)} is shorter than the request timeout {Duration.Format(effective.Request)}: slow responses are cut off as idle first");
        }

        if (retry is { Attempts: > 0 } && DurationRules.Parse(retry.PerTryTimeout) is { } perTry)
        {
            var total = perTry * (retry.Attempts.Value + 1);
            if (total > effective.Request)
            {
                report.Warning($"{retryPath}.perTryTimeout", $"(1 + {retry.Attempts} attempts) x {Duration.Format(perTry)} = {Duration.Format(total)} exceeds the request timeout {Duration.Format(effective.Request)}; late retries are cut off");
            }
        }
    }
}
