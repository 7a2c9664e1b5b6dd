using System.Buffers;
using Junction.Api.V1Alpha1;
using Junction.Validation.Regexes;

namespace Junction.Validation.Rules;

/// <summary>A query parameter condition.</summary>
internal sealed class QueryParamMatchValidator : JsonValidator<QueryParamMatch>
{
    // Besides the URL's own separators, HAProxy cannot carry ',', '(' or ')' inside urlp(NAME);
    // and urlp compares the raw query string, where a space or a non-ASCII character only ever
    // appears percent-encoded, so such a name could never match.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("&=#?,()");

    public QueryParamMatchValidator()
    {
        Check((query, report) =>
        {
            if (!string.IsNullOrEmpty(query.Name) && (query.Name.AsSpan().IndexOfAny(Forbidden) >= 0 || query.Name.Any(c => c is <= ' ' or >= '\x7f')))
            {
                report.Error("name", $"\"{query.Name}\" must be printable ASCII without whitespace, '&', '=', '#', '?', ',', '(' or ')'");
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
