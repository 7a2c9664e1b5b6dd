namespace Junction.Translation;

/// <summary>The values the API documents for fields left empty.</summary>
internal static class Defaults
{
    public static readonly TimeSpan Connect = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);
    public const int RetryAttempts = 2;
    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(1);
    public const int HealthyThreshold = 2;
    public const int UnhealthyThreshold = 3;
    public const int OutlierErrors = 5;
    public static readonly TimeSpan OutlierInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan OutlierEjection = TimeSpan.FromSeconds(30);
    public const int RedirectStatus = 302;

    /// <summary>Parses a duration the schema has already checked; an empty value takes the fallback.</summary>
    public static TimeSpan Duration(string? text, TimeSpan fallback) =>
        Api.V1Alpha1.Duration.TryParse(text, out var value) && value > TimeSpan.Zero ? value : fallback;
}
