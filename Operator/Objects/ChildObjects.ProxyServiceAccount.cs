using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>
    /// The gateway's own ServiceAccount, &lt;policy&gt;-proxy, in agent delivery: the proxy API lets a
    /// token of this account fetch this gateway's config and identity and nothing else, so no two
    /// gateways share one. It grants no Kubernetes API access, and no token is mounted by default.
    /// </summary>
    public static V1ServiceAccount ProxyServiceAccount(ProxyFragment f) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = Meta(f, ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
        AutomountServiceAccountToken = false,
    };
}
