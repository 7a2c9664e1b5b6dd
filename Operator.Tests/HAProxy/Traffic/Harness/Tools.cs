namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>Finds the external programs the traffic tests drive.</summary>
internal static class Tools
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="name"/> on PATH (or the sbin directories, which Debian leaves off a user's PATH), or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }

    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is not installed (not found on PATH)");
}
