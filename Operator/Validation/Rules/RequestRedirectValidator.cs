using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A redirect answered by the proxy.</summary>
internal sealed class RequestRedirectValidator : JsonValidator<RequestRedirect>
{
    public RequestRedirectValidator()
    {
        Field(r => r.Path).SetValidator(new PathModifierValidator()!);
        Check((redirect, report) =>
        {
            if (redirect.Hostname is not null && Syntax.HostProblem(redirect.Hostname, allowWildcard: false) is { } problem)
            {
                report.Error("hostname", problem);
            }
        });
    }
}
