using System.Reflection;

namespace Junction.Mesh.Sidecar;

/// <summary>Files every sidecar bundle ships beside its haproxy.cfg, embedded in the operator.</summary>
internal static class SidecarAssets
{
    /// <summary>The Lua sample fetch <c>lua.spiffe_id</c> (HAProxy 2.6 has no <c>ssl_c_san</c>).</summary>
    public static string SpiffeLua { get; } = Read("spiffe.lua");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Junction.Mesh.Sidecar." + name)
            ?? throw new InvalidOperationException($"embedded sidecar asset {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
