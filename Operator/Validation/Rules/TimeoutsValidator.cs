using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Timeouts of the spec or a route: durations that parse, are positive and stay within sane bounds.</summary>
internal sealed class TimeoutsValidator : JsonValidator<Timeouts>
{
    public TimeoutsValidator()
    {
        Check((t, report) =>
        {
            DurationRules.Check(t.Connect, DurationRules.OneMinute, "connect", report);
            DurationRules.Check(t.Request, DurationRules.OneHour, "request", report);
            DurationRules.Check(t.BackendRequest, DurationRules.OneHour, "backendRequest", report);
            DurationRules.Check(t.Idle, DurationRules.OneDay, "idle", report);
        });
    }
}
