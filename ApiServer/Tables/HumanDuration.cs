using System.Globalization;

namespace Junction.ApiServer.Tables;

/// <summary>Ages as kubectl prints them (apimachinery duration.HumanDuration): 45s, 5m10s, 3h, 2d5h, 400d.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 0)
        {
            return "<invalid>";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 192)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        return hours < 24 * 365 * 2 ? $"{hours / 24}d" : string.Create(CultureInfo.InvariantCulture, $"{hours / 24 / 365}y{hours / 24 % 365}d");
    }

    public static string Since(string? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? Format(now - t) : "<unknown>";
}
