using System.Security.Cryptography;
using System.Text;
using Junction.HAProxy;
using Junction.Ir;

namespace Junction.Mesh.Sidecar;

/// <summary>
/// The complete set of files a sidecar runs: haproxy.cfg, its maps, spiffe.lua and (when routes delay or mirror) junction.lua, with the
/// bundle hash the running worker reports (<c>/config-version</c>, <c>show info</c>).
/// </summary>
/// <param name="Files">Every file, haproxy.cfg first.</param>
/// <param name="Hash">First 16 hex digits of the SHA-256 over every file as written without the hash.</param>
internal sealed record SidecarBundle(IReadOnlyList<BundleFile> Files, string Hash)
{
    /// <summary>Writes the bundle of a sidecar IR.</summary>
    public static SidecarBundle Build(SidecarConfig config, SidecarPaths paths, HAProxyGlobalOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        // spiffe.lua always; junction.lua (the filters' Lua actions) when a covered route delays or mirrors.
        BundleFile[] lua =
        [
            new BundleFile(SidecarFiles.SpiffeLua, SidecarAssets.SpiffeLua),
            .. HAProxyAssets.Files(config.Outbound.Select(o => o.Fragment)).Select(a => new BundleFile(a.Key, a.Value)),
        ];
        // The hash cannot cover itself: it is taken over the bundle written without it.
        var unhashed = SidecarConfigWriter.Write(config, paths, options, hash: null).Concat(lua);
        var digest = new StringBuilder();
        foreach (var file in unhashed)
        {
            digest.Append(file.Name).Append('\0').Append(file.Text).Append('\0');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16];
        return new SidecarBundle([.. SidecarConfigWriter.Write(config, paths, options, hash), .. lua], hash);
    }
}
