using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>One weighted backend of a route; port and weight ranges come from the attributes.</summary>
internal sealed class BackendRefValidator : JsonValidator<BackendRef>
{
    public BackendRefValidator()
    {
        Check((backend, report) => ServiceNames.Check(backend.Name, "name", report));
    }
}
