using Junction.Api.V1Alpha1;
using Junction.Validation.Regexes;

namespace Junction.Validation.Rules;

/// <summary>A path condition: a literal path, or a safe regular expression.</summary>
internal sealed class PathMatchValidator : JsonValidator<PathMatch>
{
    public PathMatchValidator()
    {
        Check((path, report) =>
        {
            if (string.IsNullOrEmpty(path.Value))
            {
                return;
            }

            var problem = path.Type == MatchTypes.RegularExpression ? RegexRules.Problem(path.Value) : Syntax.PathProblem(path.Value);
            if (problem is not null)
            {
                report.Error("value", problem);
            }
        });
    }
}
