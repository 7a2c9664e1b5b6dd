using System.Text.RegularExpressions;

namespace Junction.Validation.Regexes;

/// <summary>
/// What a user-supplied regular expression must satisfy before the proxy runs it on every request:
/// .NET must parse it (a first syntax gate, which also turns away PCRE2-only syntax such as
/// possessive quantifiers), HAProxy's PCRE2 must read it the same way (<see cref="RegexParser"/>),
/// and it must not backtrack catastrophically (<see cref="BacktrackingAnalyzer"/>).
/// </summary>
internal static class RegexRules
{
    public const int MaxLength = 1024;
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Why the pattern is rejected, or null when it is acceptable.</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "must be a non-empty regular expression";
        }

        if (pattern.Length > MaxLength)
        {
            return $"regular expression must be at most {MaxLength} characters";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, CompileTimeout);
        }
        catch (ArgumentException e)
        {
            return $"invalid regular expression: {e.Message}";
        }

        RegexNode tree;
        try
        {
            tree = RegexParser.Parse(pattern);
        }
        catch (RegexDialectException e)
        {
            return $"regular expression is not valid in HAProxy's PCRE2 (byte mode, no numbered groups): {e.Message}";
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return $"regular expression could not be checked for catastrophic backtracking ({e.Message}); simplify it";
        }

        return BacktrackingAnalyzer.FindRisk(tree) is { } risk
            ? $"regular expression risks catastrophic backtracking: \"{pattern[risk.Start..risk.End]}\" {risk.Why}"
            : null;
    }
}
