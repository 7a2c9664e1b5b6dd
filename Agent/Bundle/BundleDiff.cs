using Junction.Agent.Api;

namespace Junction.Agent.Bundle;

/// <summary>
/// Whether a new bundle differs from the running one in its maps only, so it can be applied
/// through the runtime API without a reload. haproxy.cfg always differs in its hash lines
/// (<c>description ... hash=</c>, <c>setenv JUNCTION_CONFIG_HASH</c>); they are left out of the comparison.
/// </summary>
internal static class BundleDiff
{
    /// <summary>The bundle's config file.</summary>
    public const string ConfigName = "haproxy.cfg";

    private const string HashVariable = "JUNCTION_CONFIG_HASH";

    /// <summary>The names of the maps that changed, or null when anything else changed (a reload is needed).</summary>
    public static IReadOnlyList<string>? ChangedMapsOnly(ConfigBundle running, ConfigBundle next)
    {
        var before = running.Files.ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);
        var after = next.Files.ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);
        if (before.Count != after.Count || !before.Keys.All(after.ContainsKey))
        {
            return null;
        }

        var changed = new List<string>();
        foreach (var (name, content) in after)
        {
            var old = before[name];
            if (name == ConfigName)
            {
                if (WithoutHash(old) != WithoutHash(content))
                {
                    return null;
                }
            }
            else if (old != content)
            {
                if (!name.EndsWith(".map", StringComparison.Ordinal))
                {
                    return null;
                }

                changed.Add(name);
            }
        }

        return changed;
    }

    /// <summary>haproxy.cfg without the lines that carry the bundle hash.</summary>
    public static string WithoutHash(string cfg) =>
        string.Join('\n', cfg.Split('\n').Where(l => !IsHashLine(l.Trim())));

    /// <summary>The hash haproxy.cfg declares in its <c>description</c>, or null.</summary>
    public static string? DeclaredHash(string cfg)
    {
        foreach (var raw in cfg.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("description ", StringComparison.Ordinal))
            {
                return HAProxy.WorkerInfo.HashOf(line);
            }
        }

        return null;
    }

    private static bool IsHashLine(string line) =>
        (line.StartsWith("description ", StringComparison.Ordinal) && line.Contains(" hash=", StringComparison.Ordinal)) ||
        line.StartsWith("setenv " + HashVariable + " ", StringComparison.Ordinal);
}
