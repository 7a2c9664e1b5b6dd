using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// Section names. Fragment prefixes are unique per policy and contain no ':', route and Service
/// names contain no ':', so <c>be_&lt;prefix&gt;[:&lt;route&gt;]:&lt;service&gt;:&lt;port&gt;</c> cannot collide.
/// </summary>
internal static class HAProxyNames
{
    public const string Resolvers = "kube";
    public const string MetricsFrontend = "junction_metrics";

    public static string Frontend(ProxyFragment f) => "fe_" + f.NamePrefix;

    public static string RateTable(ProxyFragment f) => "rl_" + f.NamePrefix;

    public static string Backend(ProxyFragment f, RouteRule route, BackendTarget target) =>
        "be_" + f.NamePrefix + (route.IsDefault ? "" : ":" + Safe(route.Name)) + ":" + Safe(target.ServiceName) + ":" + HAProxyText.Int(target.Port);

    /// <summary>
    /// The frontend and backend of the copies to a mirrored Service port. "mi_" never starts another
    /// section, so a route named like a Service cannot make it collide with a route backend.
    /// </summary>
    public static string Mirror(ProxyFragment f, BackendTarget target) =>
        "mi_" + f.NamePrefix + ":" + Safe(target.ServiceName) + ":" + HAProxyText.Int(target.Port);

    /// <summary>Ends the name of the backend (and its frontend) that makes the attempts behind a request deadline.</summary>
    public const string TriesSuffix = ":tries";

    /// <summary>
    /// The abstract socket a deadline backend reaches its attempts through. Abstract names are
    /// shared by every process of a network namespace (a pod, or a test machine running several
    /// proxies), so the name is derived from the bind address as well; hashed to stay within the
    /// 107 bytes a socket name may have.
    /// </summary>
    public static string TriesSocket(HAProxyGlobalOptions options, string backend) =>
        "junction-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.BindAddress + "|" + backend)))[..20];

    public static string ServerPrefix(BackendTarget target) => Safe(target.ServiceName) + "_";

    // Route and Service names are DNS labels already; this keeps a stray character from ever
    // reaching a section name.
    private static string Safe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
}
