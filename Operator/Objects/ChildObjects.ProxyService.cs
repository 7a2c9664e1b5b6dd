using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>
    /// The ClusterIP Service of the gateway, named &lt;policy&gt;-proxy. It serves on the target's
    /// port, so a caller switches from the target to the proxy by name only.
    /// </summary>
    public static V1Service ProxyService(ProxyFragment f) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(f, ChildNames.Proxy(f.PolicyName), ProxyLabels(f)),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = ProxySelector(f),
            Ports = ServicePorts(f),
        },
    };

    // The metrics port is left out when the target's port is the same number; pods still serve it.
    private static List<V1ServicePort> ServicePorts(ProxyFragment f)
    {
        var ports = new List<V1ServicePort>
        {
            new()
            {
                Name = PortName(f.Protocol),
                Port = f.Listener.ServicePort,
                TargetPort = PortName(f.Protocol),
                Protocol = "TCP",
                AppProtocol = AppProtocolOf(f.Protocol),
            },
        };
        if (f.Listener.ServicePort != f.Gateway.MetricsPort)
        {
            ports.Add(new V1ServicePort
            {
                Name = "metrics",
                Port = f.Gateway.MetricsPort,
                TargetPort = "metrics",
                Protocol = "TCP",
                AppProtocol = "http",
            });
        }

        return ports;
    }

    private static string? AppProtocolOf(AppProtocol protocol) => protocol switch
    {
        AppProtocol.Http2 or AppProtocol.Grpc => "kubernetes.io/h2c",
        AppProtocol.Http => "http",
        _ => null,
    };
}
