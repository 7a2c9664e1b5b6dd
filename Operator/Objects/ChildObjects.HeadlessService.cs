using Junction.Ir;
using k8s.Models;

namespace Junction.Objects;

internal static partial class ChildObjects
{
    /// <summary>
    /// The headless twin of a backend Service: same selector and ports, clusterIP None, so its DNS
    /// name (and its SRV records per named port) list the ready pods instead of one virtual IP.
    /// </summary>
    public static V1Service HeadlessService(ProxyFragment f, V1Service backend)
    {
        var name = backend.Metadata?.Name ?? "";
        var labels = CommonLabels(f);
        labels[ComponentLabel] = "backend-endpoints";
        labels[BackendLabel] = name;
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Meta(f, ChildNames.HeadlessService(name, f.PolicyName), labels),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = backend.Spec?.Selector is { } selector
                    ? selector.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value)
                    : null,
                PublishNotReadyAddresses = false,
                Ports = (backend.Spec?.Ports ?? []).Select(CopyPort).ToList(),
            },
        };
    }

    private static V1ServicePort CopyPort(V1ServicePort p) => new()
    {
        Name = string.IsNullOrEmpty(p.Name) ? null : p.Name,
        Port = p.Port,
        TargetPort = p.TargetPort ?? p.Port,
        Protocol = p.Protocol ?? "TCP",
        AppProtocol = p.AppProtocol,
    };
}
