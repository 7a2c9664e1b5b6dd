using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A fault filter: an abort, a delay or both; the status and percentage ranges come from the attributes.</summary>
internal sealed class FaultInjectionValidator : JsonValidator<FaultInjection>
{
    public FaultInjectionValidator()
    {
        Field(f => f.Abort).SetValidator(new FaultAbortValidator()!);
        Field(f => f.Delay).SetValidator(new FaultDelayValidator()!);
        Check((fault, report) =>
        {
            if (fault.Abort is null && fault.Delay is null)
            {
                report.Error("", "must set abort, delay or both");
            }
        });
    }
}
