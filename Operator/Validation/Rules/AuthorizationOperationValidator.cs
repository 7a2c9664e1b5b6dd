using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Operations: HTTP methods and paths, meaningless for TCP.</summary>
internal sealed class AuthorizationOperationValidator : JsonValidator<AuthorizationOperation>
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    public AuthorizationOperationValidator()
    {
        Check((to, report) =>
        {
            if (report.IsTcp && (to.Methods is { Count: > 0 } || to.Paths is { Count: > 0 }))
            {
                report.Error(to.Methods is { Count: > 0 } ? "methods" : "paths", "protocol TCP has no HTTP methods or paths to authorize");
                return;
            }

            for (var i = 0; i < (to.Methods?.Count ?? 0); i++)
            {
                if (to.Methods![i] is { } method && !Methods.Contains(method))
                {
                    report.Error($"methods[{i}]", $"unsupported value \"{method}\": must be one of {string.Join(", ", Methods)}");
                }
            }

            for (var i = 0; i < (to.Paths?.Count ?? 0); i++)
            {
                // A trailing * matches any suffix; elsewhere it would be taken literally.
                if (to.Paths![i] is { } path && Syntax.PathProblem(path.TrimEnd('*')) is { } problem)
                {
                    report.Error($"paths[{i}]", problem);
                }
            }
        });
    }
}
