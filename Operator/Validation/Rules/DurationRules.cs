using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Checks a duration field: it parses, is positive and is no longer than a bound.</summary>
internal static class DurationRules
{
    public static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    public static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>Returns the parsed value when the field is set and valid; reports and returns null otherwise.</summary>
    public static TimeSpan? Check<T>(string? text, TimeSpan max, string path, Reporter<T> report)
    {
        if (text is null)
        {
            return null;
        }

        if (!Duration.TryParse(text, out var value))
        {
            report.Error(path, $"invalid duration \"{text}\": use numbers with units ms, s, m or h, e.g. 250ms, 5s, 1m30s");
            return null;
        }

        if (value <= TimeSpan.Zero)
        {
            report.Error(path, $"must be positive, got \"{text}\"");
            return null;
        }

        if (value > max)
        {
            report.Error(path, $"must be at most {Duration.Format(max)}, got \"{text}\"");
            return null;
        }

        return value;
    }

    /// <summary>Parses without reporting; for cross-field warnings over already-checked fields.</summary>
    public static TimeSpan? Parse(string? text) =>
        Duration.TryParse(text, out var value) && value > TimeSpan.Zero ? value : null;
}
