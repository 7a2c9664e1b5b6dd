using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.circuitBreaker; the limits' ranges come from the attributes.</summary>
internal sealed class CircuitBreakerValidator : JsonValidator<CircuitBreaker>
{
    public CircuitBreakerValidator()
    {
        Field(c => c.OutlierDetection).SetValidator(new OutlierDetectionValidator()!);
    }
}
