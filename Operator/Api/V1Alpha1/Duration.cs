using System.Globalization;
using System.Text.RegularExpressions;

namespace Junction.Api.V1Alpha1;

/// <summary>Kubernetes-style duration strings: one or more number+unit pairs (250ms, 5s, 1m30s, 1h).</summary>
public static partial class Duration
{
    /// <summary>The shape accepted by the CRD schema and by <see cref="TryParse"/>.</summary>
    public const string Pattern = "^([0-9]{1,6}(\\.[0-9]{1,3})?(ms|s|m|h))+$";

    [GeneratedRegex("([0-9]{1,6}(?:\\.[0-9]{1,3})?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    /// <summary>Parses a duration; false when the text is not of <see cref="Pattern"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        decimal ms = 0;
        foreach (Match m in Part().Matches(text))
        {
            var n = decimal.Parse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ms += m.Groups[2].Value switch
            {
                "ms" => n,
                "s" => n * 1000,
                "m" => n * 60_000,
                _ => n * 3_600_000,
            };
        }

        value = TimeSpan.FromMilliseconds((double)decimal.Round(ms));
        return true;
    }

    /// <summary>Formats a duration the way HAProxy and the API print it: the largest whole unit (2s, 1500ms, 5m).</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        if (ms % 3_600_000 == 0 && ms != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}h");
        }

        if (ms % 60_000 == 0 && ms != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}m");
        }

        return ms % 1000 == 0 && ms != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s")
            : string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }
}
