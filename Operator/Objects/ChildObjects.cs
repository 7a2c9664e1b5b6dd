using Junction.Api.V1Alpha1;
using Junction.Ir;
using k8s;
using k8s.Models;

namespace Junction.Objects;

/// <summary>
/// Builds each child object of a policy in a small function named after what it returns. Children
/// carry Junction's labels only (never the policy's labels or annotations: Argo CD's tracking
/// label would make it prune them) and no field the API server fills in (status, clusterIP,
/// creationTimestamp), so desired and observed objects compare equal on what Junction owns.
/// </summary>
internal static partial class ChildObjects
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "junction";
    public const string PolicyLabel = "traffic.junction.dev/policy";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ProxyNameValue = "junction-proxy";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string BackendLabel = "traffic.junction.dev/backend";
    public const string ConfigHashAnnotation = "traffic.junction.dev/config-hash";
    public const string ConfigFileName = "haproxy.cfg";
    public const string ConfigDirectory = "/usr/local/etc/haproxy";

    /// <summary>
    /// Makes the policy the controller owner of a child, so deletion cascades and Argo CD shows the
    /// child under the policy. The translator leaves this to the reconciler, which knows the UID.
    /// </summary>
    public static void SetController(IKubernetesObject<V1ObjectMeta> child, TrafficPolicy owner)
    {
        child.Metadata.OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = TrafficPolicy.ApiVersionString,
                Kind = TrafficPolicy.KindName,
                Name = owner.Metadata.Name,
                Uid = owner.Metadata.Uid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ];
    }

    /// <summary>Labels every child carries.</summary>
    public static Dictionary<string, string> CommonLabels(ProxyFragment f) => new()
    {
        [ManagedByLabel] = ManagedByValue,
        [PolicyLabel] = ProxyNames.LabelValue(f.PolicyName),
    };

    /// <summary>Labels that select the policy's proxy pods; stable for the life of the policy.</summary>
    public static Dictionary<string, string> ProxySelector(ProxyFragment f) => new()
    {
        [NameLabel] = ProxyNameValue,
        [PolicyLabel] = ProxyNames.LabelValue(f.PolicyName),
    };

    /// <summary>Labels of the proxy objects and pods.</summary>
    public static Dictionary<string, string> ProxyLabels(ProxyFragment f) => new()
    {
        [ManagedByLabel] = ManagedByValue,
        [NameLabel] = ProxyNameValue,
        [ComponentLabel] = "gateway",
        [PolicyLabel] = ProxyNames.LabelValue(f.PolicyName),
    };

    private static V1ObjectMeta Meta(ProxyFragment f, string name, Dictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = f.Namespace,
        Labels = labels,
    };

    /// <summary>The proxy Service and container port name of a protocol.</summary>
    public static string PortName(AppProtocol protocol) => protocol switch
    {
        AppProtocol.Http2 => "http2",
        AppProtocol.Grpc => "grpc",
        AppProtocol.Tcp => "tcp",
        _ => "http",
    };
}
