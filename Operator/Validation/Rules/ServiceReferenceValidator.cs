using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.targetRef: a Service name and port.</summary>
internal sealed class ServiceReferenceValidator : JsonValidator<ServiceReference>
{
    public ServiceReferenceValidator()
    {
        Check((target, report) => ServiceNames.Check(target.Name, "name", report));
    }
}
