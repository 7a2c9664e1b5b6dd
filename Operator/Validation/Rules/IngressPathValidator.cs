using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>One path of spec.ingress.paths.</summary>
internal sealed class IngressPathValidator : JsonValidator<IngressPath>
{
    public IngressPathValidator()
    {
        Check((path, report) =>
        {
            if (!string.IsNullOrEmpty(path.Path) && Syntax.PathProblem(path.Path) is { } problem)
            {
                report.Error("path", problem);
            }
        });
    }
}
