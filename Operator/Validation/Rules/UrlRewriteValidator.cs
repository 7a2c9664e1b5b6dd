using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A URL rewrite: a host name and/or a path modifier.</summary>
internal sealed class UrlRewriteValidator : JsonValidator<UrlRewrite>
{
    public UrlRewriteValidator()
    {
        Field(r => r.Path).SetValidator(new PathModifierValidator()!);
        Check((rewrite, report) =>
        {
            if (rewrite.Hostname is null && rewrite.Path is null)
            {
                report.Error("", "must set hostname or path");
            }

            if (rewrite.Hostname is not null && Syntax.HostProblem(rewrite.Hostname, allowWildcard: false) is { } problem)
            {
                report.Error("hostname", problem);
            }
        });
    }
}
