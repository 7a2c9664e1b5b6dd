using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.observability.tracing; the range comes from the attribute.</summary>
internal sealed class TracingValidator : JsonValidator<Tracing>
{
    public TracingValidator()
    {
        Check((tracing, report) =>
        {
            if (tracing.SamplingPercent == 100)
            {
                report.Warning("samplingPercent", "tracing every request costs collector capacity and latency at volume; 1-10 is usual in production");
            }
        });
    }
}
