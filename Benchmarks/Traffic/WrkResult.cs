using System.Globalization;
using System.Text.RegularExpressions;

namespace Junction.Benchmarks.Traffic;

/// <summary>What one wrk run measured.</summary>
internal sealed partial record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, int Errors)
{
    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    public static WrkResult Parse(string output)
    {
        var rate = Rate().Match(output);
        if (!rate.Success)
        {
            throw new FormatException($"wrk printed no Requests/sec:\n{output}");
        }

        var percentiles = Percentile().Matches(output).ToDictionary(m => m.Groups[1].Value, m => Milliseconds(m.Groups[2].Value, m.Groups[3].Value));
        var errors = Non2xx().Match(output) is { Success: true } n ? int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (SocketErrors().Match(output) is { Success: true } s)
        {
            errors += Enumerable.Range(1, 4).Sum(i => int.Parse(s.Groups[i].Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            percentiles["50"],
            percentiles["99"],
            errors);
    }

    private static double Milliseconds(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => v / 1000,
            "s" => v * 1000,
            _ => v,
        };
    }
}
