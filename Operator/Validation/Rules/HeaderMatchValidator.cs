using Junction.Api.V1Alpha1;
using Junction.Validation.Regexes;

namespace Junction.Validation.Rules;

/// <summary>A header condition: a token name and a single-line value or safe regular expression.</summary>
internal sealed class HeaderMatchValidator : JsonValidator<HeaderMatch>
{
    public HeaderMatchValidator()
    {
        Check((header, report) =>
        {
            if (!string.IsNullOrEmpty(header.Name) && !Syntax.IsHttpToken(header.Name))
            {
                report.Error("name", $"\"{header.Name}\" {Syntax.TokenMessage}");
            }

            if (header.Type == MatchTypes.RegularExpression)
            {
                if (RegexRules.Problem(header.Value) is { } problem)
                {
                    report.Error("value", problem);
                }
            }
            else if (Syntax.HasLineBreak(header.Value))
            {
                report.Error("value", "must not contain CR, LF or NUL");
            }
        });
    }
}
