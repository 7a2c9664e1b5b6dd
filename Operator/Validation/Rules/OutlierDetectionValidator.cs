using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.circuitBreaker.outlierDetection.</summary>
internal sealed class OutlierDetectionValidator : JsonValidator<OutlierDetection>
{
    public OutlierDetectionValidator()
    {
        Check((o, report) =>
        {
            DurationRules.Check(o.Interval, DurationRules.OneHour, "interval", report);
            DurationRules.Check(o.BaseEjectionTime, DurationRules.OneHour, "baseEjectionTime", report);
        });
    }
}
