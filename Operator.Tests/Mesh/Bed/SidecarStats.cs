using System.Globalization;

namespace Junction.Tests.Mesh.Bed;

/// <summary>Reads the runtime API's <c>show stat</c> CSV.</summary>
internal static class SidecarStats
{
    /// <summary>Total sessions (<c>stot</c>) of every backend (its BACKEND line) whose name contains <paramref name="part"/>.</summary>
    public static long BackendSessions(string csv, string part)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.First(l => l.StartsWith("# ", StringComparison.Ordinal))[2..].Split(',');
        var name = Array.IndexOf(header, "pxname");
        var server = Array.IndexOf(header, "svname");
        var total = Array.IndexOf(header, "stot");
        return lines.Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(','))
            .Where(f => f.Length > total && f[server] == "BACKEND" && f[name].Contains(part, StringComparison.Ordinal))
            .Sum(f => long.Parse(f[total], CultureInfo.InvariantCulture));
    }
}
