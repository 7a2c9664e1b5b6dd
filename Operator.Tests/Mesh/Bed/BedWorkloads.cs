using System.Net;
using k8s;
using k8s.Models;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// The bed's topology as Kubernetes objects (one YAML file): Pods with <c>status.podIP</c>, the
/// service account and ports they run, and Services with their ClusterIP and selector. The same
/// file is the input of <c>junction render --sidecar</c>, so the bed and the rendered config agree.
/// </summary>
internal sealed class BedWorkloads
{
    /// <summary>A pod with this annotation set to <c>disabled</c> gets neither capture rules nor a sidecar.</summary>
    public const string InjectAnnotation = "traffic.junction.dev/inject";

    private BedWorkloads(string path, IReadOnlyList<V1Pod> pods, IReadOnlyList<V1Service> services)
    {
        Path = path;
        Pods = pods;
        Services = services;
    }

    public string Path { get; }

    public IReadOnlyList<V1Pod> Pods { get; }

    public IReadOnlyList<V1Service> Services { get; }

    public static BedWorkloads Load(string path)
    {
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(path));
        var pods = objects.OfType<V1Pod>().ToList();
        var services = objects.OfType<V1Service>().ToList();
        foreach (var pod in pods)
        {
            _ = Address(pod);
        }

        return new BedWorkloads(path, pods, services);
    }

    public static string NamespaceOf(IKubernetesObject<V1ObjectMeta> o) => o.Metadata.NamespaceProperty ?? "default";

    public static IPAddress Address(V1Pod pod) =>
        IPAddress.TryParse(pod.Status?.PodIP, out var address)
            ? address
            : throw new FormatException($"pod {pod.Metadata.Name} needs status.podIP");

    public static bool IsMeshed(V1Pod pod) =>
        !(pod.Metadata.Annotations?.TryGetValue(InjectAnnotation, out var value) == true && value == "disabled");

    public static string ServiceAccount(V1Pod pod) => pod.Spec?.ServiceAccountName ?? "default";

    public static IReadOnlyDictionary<string, string> Labels(V1Pod pod) =>
        (IReadOnlyDictionary<string, string>?)pod.Metadata.Labels ?? new Dictionary<string, string>();

    public static IEnumerable<V1ContainerPort> Ports(V1Pod pod) =>
        pod.Spec?.Containers?.SelectMany(c => c.Ports ?? []) ?? [];

    /// <summary>The pods a Service selects (same namespace, every selector label matches).</summary>
    public IReadOnlyList<V1Pod> Selected(V1Service service) =>
        service.Spec?.Selector is { Count: > 0 } selector
            ? Pods.Where(p => NamespaceOf(p) == NamespaceOf(service) && selector.All(s => Labels(p).TryGetValue(s.Key, out var v) && v == s.Value)).ToList()
            : [];

    /// <summary>The numeric port a Service port forwards to (a named targetPort is looked up on the pod).</summary>
    public static int TargetPort(V1ServicePort port, V1Pod pod)
    {
        var target = port.TargetPort?.Value;
        if (target is null)
        {
            return port.Port;
        }

        return int.TryParse(target, out var number)
            ? number
            : Ports(pod).FirstOrDefault(p => p.Name == target)?.ContainerPort ?? throw new FormatException($"pod {pod.Metadata.Name} has no port named {target}");
    }
}
