using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.observability.</summary>
internal sealed class ObservabilityValidator : JsonValidator<Observability>
{
    public ObservabilityValidator()
    {
        Field(o => o.Tracing).SetValidator(new TracingValidator()!);
    }
}
