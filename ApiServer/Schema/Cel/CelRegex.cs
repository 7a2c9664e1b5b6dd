using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>matches(): an RE2-style search (unanchored) with compiled patterns cached and a match timeout.</summary>
internal static class CelRegex
{
    private const int CacheLimit = 256;
    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    public static object Matches(string text, string pattern)
    {
        var regex = Cache.GetOrAdd(pattern, Build);
        if (Cache.Count > CacheLimit)
        {
            Cache.Clear();
        }

        if (regex is null)
        {
            return new CelError($"error parsing regexp: {pattern}");
        }

        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return new CelError("regex match timed out");
        }
    }

    private static Regex? Build(string pattern)
    {
        try
        {
            // RE2 has no backtracking; NonBacktracking gives the same linear-time guarantee.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }
}
