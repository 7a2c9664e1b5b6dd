using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>The ConfigMap holding haproxy.cfg, named &lt;policy&gt;-proxy.</summary>
    public static V1ConfigMap ProxyConfigMap(ProxyFragment f, string config) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Meta(f, ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
        Data = new Dictionary<string, string> { [ConfigFileName] = config },
    };
}
