using System.Globalization;

namespace Junction.Injection;

/// <summary>The port lists of the exclusion annotations, checked as <c>junction init-net</c> checks its flags.</summary>
internal static class PortList
{
    /// <summary>The ports of the proxy itself, which capture can never skip.</summary>
    public static readonly IReadOnlySet<int> ProxyPorts = new HashSet<int> { 15001, 15006, 15020, 15021 };

    /// <summary>The list normalised (<c>5432,3306</c>), or null with <paramref name="error"/> saying what is wrong.</summary>
    public static string? Parse(string annotation, string value, out string? error)
    {
        var ports = new List<int>();
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                error = $"annotation {annotation}: \"{item}\" is not a port (1-65535)";
                return null;
            }

            if (ProxyPorts.Contains(port))
            {
                error = $"annotation {annotation}: {port} is one of the proxy's own ports and cannot be excluded";
                return null;
            }

            ports.Add(port);
        }

        error = null;
        return ports.Count == 0 ? null : string.Join(',', ports.Distinct().Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }
}
