using System.Text;
using System.Text.RegularExpressions;

namespace Junction.ApiServer.Tests.Conformance;

/// <summary>
/// Matches kubectl's output against a step's expected lines: blanks collapsed on both sides, placeholders
/// for what differs from run to run (ages, addresses, generated names), "{lines}" for any run of lines.
/// </summary>
internal static class OutputPattern
{
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["{age}"] = @"(?:\d+(?:y|d|h|m|s))+|<unknown>|<invalid>",
        ["{n}"] = @"\d+",
        ["{ip}"] = @"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}",
        ["{hash}"] = @"[a-z0-9]{6,10}",
        ["{rand}"] = @"[a-z0-9]{5}",
        ["{time}"] = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
        ["{name}"] = @"\S+",
        ["{*}"] = @".*",
    };

    /// <summary>Null when <paramref name="actual"/> matches; otherwise what differs, for the failure message.</summary>
    public static string? Mismatch(IReadOnlyList<string> expected, string actual)
    {
        var lines = actual.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Collapse).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var pattern = new StringBuilder("^");
        for (var i = 0; i < expected.Count; i++)
        {
            var line = Collapse(expected[i]);
            if (line == "{lines}")
            {
                pattern.Append(@"(?:[^\n]*\n)*?");
                continue;
            }

            pattern.Append(LinePattern(line));
            pattern.Append(i == expected.Count - 1 ? string.Empty : "\n");
        }

        var joined = string.Join('\n', lines);
        if (expected.Count > 0 && Collapse(expected[^1]) == "{lines}")
        {
            pattern.Append(".*");
        }

        pattern.Append('$');
        return Regex.IsMatch(joined, pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5))
            ? null
            : $"expected:\n{string.Join('\n', expected)}\nactual:\n{actual}";
    }

    private static string LinePattern(string line)
    {
        var pattern = new StringBuilder();
        var at = 0;
        while (at < line.Length)
        {
            var next = line.IndexOf('{', at);
            var placeholder = next < 0 ? null : Placeholders.Keys.FirstOrDefault(k => string.CompareOrdinal(line, next, k, 0, k.Length) == 0);
            if (placeholder is null)
            {
                var end = next < 0 ? line.Length : next + 1;
                pattern.Append(Regex.Escape(line[at..end]));
                at = end;
                continue;
            }

            pattern.Append(Regex.Escape(line[at..next])).Append("(?:").Append(Placeholders[placeholder]).Append(')');
            at = next + placeholder.Length;
        }

        return pattern.ToString();
    }

    private static string Collapse(string line) => Regex.Replace(line.Trim(), @"[ \t]+", " ");
}
