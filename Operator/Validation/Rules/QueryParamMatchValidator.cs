using System.Buffers;
using Junction.Api.V1Alpha1;
using Junction.Validation.Regexes;

namespace Junction.Validation.Rules;

/// <summary>A query parameter condition.</summary>
internal sealed class QueryParamMatchValidator : JsonValidator<QueryParamMatch>
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(" \t\r\n&=#?");

    public QueryParamMatchValidator()
    {
        Check((query, report) =>
        {
            if (!string.IsNullOrEmpty(query.Name) && query.Name.AsSpan().IndexOfAny(Forbidden) >= 0)
            {
                report.Error("name", $"\"{query.Name}\" must not contain whitespace, '&', '=', '#' or '?'");
            }

            if (query.Type == MatchTypes.RegularExpression)
            {
                if (RegexRules.Problem(query.Value) is { } problem)
                {
                    report.Error("value", problem);
                }
            }
            else if (Syntax.HasLineBreak(query.Value))
            {
                report.Error("value", "must not contain CR, LF or NUL");
            }
        });
    }
}
