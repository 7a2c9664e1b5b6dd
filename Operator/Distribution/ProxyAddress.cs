namespace Junction.Distribution;

/// <summary>The text form of a <see cref="ProxyKey"/> on the wire: <c>gateway/&lt;ns&gt;/&lt;name&gt;</c> or <c>sidecar/&lt;ns&gt;/&lt;sa&gt;</c>.</summary>
internal static class ProxyAddress
{
    /// <summary>The longest namespace or name Kubernetes allows (a DNS subdomain).</summary>
    private const int MaxNameLength = 253;

    /// <summary>The key, or null when <paramref name="text"/> is not of either shape.</summary>
    public static ProxyKey? Parse(string? text)
    {
        if (text is null || text.Split('/') is not [var kind, var ns, var name] || !Valid(ns) || !Valid(name))
        {
            return null;
        }

        return kind switch
        {
            "gateway" => new ProxyKey(ProxyKind.Gateway, ns, name),
            "sidecar" => new ProxyKey(ProxyKind.Sidecar, ns, name),
            _ => null,
        };
    }

    /// <summary>The text form.</summary>
    public static string Format(ProxyKey proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        return (proxy.Kind == ProxyKind.Gateway ? "gateway/" : "sidecar/") + proxy.Namespace + "/" + proxy.Name;
    }

    /// <summary>The kind as metrics label it.</summary>
    public static string KindLabel(ProxyKind kind) => kind == ProxyKind.Gateway ? "gateway" : "sidecar";

    // Lower-case DNS characters only, so a key never smuggles separators or odd bytes into logs and labels.
    private static bool Valid(string part) =>
        part.Length is > 0 and <= MaxNameLength && part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.');
}
