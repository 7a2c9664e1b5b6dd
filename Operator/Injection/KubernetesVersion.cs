using System.Globalization;

namespace Junction.Injection;

/// <summary>What the API server's version says about the pod features injection may use.</summary>
internal static class KubernetesVersion
{
    /// <summary>
    /// True from Kubernetes 1.29, where native sidecars (init containers with restartPolicy: Always)
    /// are on by default. Minor versions like "29+" (managed clusters) count by their digits; an
    /// unreadable version counts as new, as every supported release is.
    /// </summary>
    public static bool SupportsNativeSidecars(string? major, string? minor)
    {
        if (Leading(major) is not { } ma || Leading(minor) is not { } mi)
        {
            return true;
        }

        return ma > 1 || (ma == 1 && mi >= 29);
    }

    private static int? Leading(string? text)
    {
        var digits = new string((text ?? "").TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
