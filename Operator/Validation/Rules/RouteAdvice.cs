using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Per-route warnings: timings against the spec's defaults and retries of non-idempotent requests.</summary>
internal static class RouteAdvice
{
    private static readonly string[] NonIdempotent = ["POST", "PATCH"];

    public static void Check(Route route, Reporter<Route> report)
    {
        var spec = PolicyContext.Policy(report.Context)?.Spec;
        var effective = EffectiveTimeouts.Of(spec?.Timeouts, route.Timeouts);
        TimingAdvice.Check(effective, route.Timeouts, "timeouts", route.Retry, "retry", report);
        CheckReplays(route, route.Retry ?? spec?.Retry, route.Retry is null ? null : "retry", report);
        if (route.Filters?.Any(f => f?.Type == FilterTypes.RequestRedirect) == true && route.BackendRefs is { Count: > 0 })
        {
            report.Warning("backendRefs", "are never used: the route answers with a redirect");
        }
    }

    private static void CheckReplays(Route route, RetryPolicy? retry, string? retryPath, Reporter<Route> report)
    {
        var unsafeMethod = route.Matches?.Select(m => m?.Method).FirstOrDefault(m => m is not null && NonIdempotent.Contains(m));
        if (retry is null || unsafeMethod is null || retryPath is null || retry.Attempts == 0)
        {
            return;
        }

        var timeoutIndex = retry.RetryOn?.IndexOf("timeout") ?? -1;
        if (timeoutIndex < 0)
        {
            return;
        }

        report.Warning($"{retryPath}.retryOn[{timeoutIndex}]", retry.RetryNonIdempotent == true
            ? $"the route matches {unsafeMethod} requests; one that timed out may already have been applied and is sent again"
            : $"the route matches {unsafeMethod} requests, which are not replayed without retryNonIdempotent, so this condition has no effect on them");
    }
}
