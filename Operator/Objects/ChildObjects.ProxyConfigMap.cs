using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>
    /// The ConfigMap holding haproxy.cfg and the files it loads from its own directory (the Lua
    /// of fault injection and mirroring), named &lt;policy&gt;-proxy. Mounted at
    /// <see cref="ConfigDirectory"/>, so every file lands beside haproxy.cfg.
    /// </summary>
    public static V1ConfigMap ProxyConfigMap(ProxyFragment f, string config, IReadOnlyDictionary<string, string>? files = null)
    {
        var data = new Dictionary<string, string> { [ConfigFileName] = config };
        foreach (var (name, text) in (files ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            data.Add(name, text);
        }

        return new()
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Meta(f, ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
            Data = data,
        };
    }
}
