using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A fixed delay: a positive duration of at most a minute, so a typo cannot hang callers for hours.</summary>
internal sealed class FaultDelayValidator : JsonValidator<FaultDelay>
{
    public FaultDelayValidator()
    {
        Check((delay, report) =>
        {
            if (delay.FixedDelay.Length > 0)
            {
                DurationRules.Check(delay.FixedDelay, DurationRules.OneMinute, "fixedDelay", report);
            }
        });
    }
}
