using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// Files a generated haproxy.cfg may load from its own directory (<c>default-path config</c>),
/// embedded in the operator: the gateway ConfigMap carries them beside haproxy.cfg.
/// </summary>
internal static class HAProxyAssets
{
    /// <summary>The file name of the Lua actions of the FaultInjection and RequestMirror filters.</summary>
    public const string LuaFileName = "junction.lua";

    /// <summary>The Lua actions <c>lua.junction_delay</c> and <c>lua.junction_mirror</c>.</summary>
    public static string Lua { get; } = Read("Junction.HAProxy.Lua." + LuaFileName);

    /// <summary>
    /// First 16 hex digits of the SHA-256 of <see cref="Lua"/>. The config names it, so the config
    /// hash (and with it the gateway pods) changes whenever the Lua does.
    /// </summary>
    public static string LuaDigest { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Lua)))[..16];

    /// <summary>True when some route of the fragments needs a Lua action: a delay or a mirror.</summary>
    public static bool NeedsLua(IEnumerable<ProxyFragment> fragments) =>
        fragments.Any(f => f.Protocol != AppProtocol.Tcp && f.Routes.SelectMany(r => r.Filters).Any(UsesLua));

    /// <summary>The files the config of these fragments loads, by file name; empty when it loads none.</summary>
    public static IReadOnlyDictionary<string, string> Files(IEnumerable<ProxyFragment> fragments) =>
        NeedsLua(fragments) ? new Dictionary<string, string> { [LuaFileName] = Lua } : new Dictionary<string, string>();

    private static bool UsesLua(RouteFilterRule filter) => filter switch
    {
        FaultInjectionRule f => f.Delay is not null && f.DelayPercent > 0,
        MirrorRule m => m.Percent > 0,
        _ => false,
    };

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded proxy asset {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
