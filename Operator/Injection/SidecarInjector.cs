using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Junction.Injection;

/// <summary>
/// Decides, for one pod being admitted, whether it gets the sidecar and builds the JSON Patch
/// that adds it. Pure: the namespace's labels come in as an argument, nothing is read or written.
/// A pod that already has the proxy container gets no patch, so a second admission (reinvocation,
/// another webhook's change) changes nothing.
/// </summary>
internal static class SidecarInjector
{
    /// <summary>Annotation listing inbound ports the capture rules leave alone (server-first protocols).</summary>
    public const string ExcludeInboundAnnotation = "traffic.junction.dev/exclude-inbound-ports";

    /// <summary>Annotation listing outbound ports the capture rules leave alone.</summary>
    public const string ExcludeOutboundAnnotation = "traffic.junction.dev/exclude-outbound-ports";

    private const string KubeSystem = "kube-system";

    /// <summary>The outcome for <paramref name="pod"/> created in <paramref name="ns"/>.</summary>
    /// <param name="pod">The pod as the API server would store it.</param>
    /// <param name="ns">The namespace it is created in (the AdmissionReview's, as a pod from a controller may carry none).</param>
    /// <param name="namespaceEnabled">Whether the namespace carries the injection label; null when the operator's cache does not know the namespace (yet), and then the webhook configuration's namespaceSelector decides.</param>
    /// <param name="options">What to inject.</param>
    public static InjectionOutcome Decide(V1Pod pod, string ns, bool? namespaceEnabled, InjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(options);
        var annotations = pod.Metadata?.Annotations;
        if (ns == options.OperatorNamespace || ns == KubeSystem)
        {
            return new InjectionSkipped($"namespace {ns} is never injected");
        }

        if (namespaceEnabled == false)
        {
            return new InjectionSkipped($"namespace {ns} is not labelled {InjectionNames.NamespaceLabel}={InjectionNames.Enabled}");
        }

        if (annotations?.TryGetValue(InjectionNames.OptOutAnnotation, out var optOut) == true && optOut == "false")
        {
            return new InjectionSkipped($"the pod opted out ({InjectionNames.OptOutAnnotation}: \"false\")");
        }

        if (pod.Spec is null)
        {
            return new InjectionRefused("the pod has no spec");
        }

        // Capture rules in the host's network namespace would redirect the node's own traffic.
        if (pod.Spec.HostNetwork == true)
        {
            return new InjectionSkipped("the pod uses the host network");
        }

        if (HasProxy(pod))
        {
            return new InjectionSkipped($"the pod already has container {InjectionNames.ProxyContainer}");
        }

        var initNet = new List<string>();
        foreach (var (annotation, flag) in new[] { (ExcludeInboundAnnotation, "--exclude-inbound-ports"), (ExcludeOutboundAnnotation, "--exclude-outbound-ports") })
        {
            if (annotations?.TryGetValue(annotation, out var value) != true)
            {
                continue;
            }

            var ports = PortList.Parse(annotation, value!, out var error);
            if (error is not null)
            {
                return new InjectionRefused(error);
            }

            if (ports is not null)
            {
                initNet.AddRange([flag, ports]);
            }
        }

        return new InjectionPatch(Patch(pod, options, initNet));
    }

    /// <summary>True when the pod has the proxy container, as a native sidecar or a regular container.</summary>
    public static bool HasProxy(V1Pod pod) => Mesh.Sidecar.SidecarPod.HasProxy(pod);

    // Ours go first: capture is installed before any of the pod's own init containers runs, and
    // (natively) the proxy is ready before them, so their traffic already passes through it.
    private static JsonArray Patch(V1Pod pod, InjectionOptions options, IReadOnlyList<string> initNet)
    {
        var spec = pod.Spec!;
        var operations = new JsonArray();
        List<V1Container> inits = [SidecarContainers.InitNet(options, initNet), SidecarContainers.InstallAgent(options)];
        if (options.NativeSidecar)
        {
            inits.Add(SidecarContainers.Proxy(options));
        }

        Insert(operations, "/spec/initContainers", spec.InitContainers is { Count: > 0 }, inits);
        if (!options.NativeSidecar)
        {
            Insert(operations, "/spec/containers", spec.Containers is { Count: > 0 }, [SidecarContainers.Proxy(options)]);
        }

        var volumes = SidecarContainers.Volumes();
        if (spec.Volumes is { Count: > 0 })
        {
            foreach (var volume in volumes)
            {
                operations.Add(Add("/spec/volumes/-", Json(volume)));
            }
        }
        else
        {
            operations.Add(Add("/spec/volumes", new JsonArray(volumes.Select(v => (JsonNode?)Json(v)).ToArray())));
        }

        operations.Add(pod.Metadata?.Annotations is null
            ? Add("/metadata/annotations", new JsonObject { [InjectionNames.InjectedAnnotation] = options.Version })
            : Add("/metadata/annotations/" + Escape(InjectionNames.InjectedAnnotation), JsonValue.Create(options.Version)));
        return operations;
    }

    private static void Insert(JsonArray operations, string path, bool exists, IReadOnlyList<V1Container> containers)
    {
        if (!exists)
        {
            operations.Add(Add(path, new JsonArray(containers.Select(c => (JsonNode?)Json(c)).ToArray())));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            operations.Add(Add($"{path}/{i}", Json(containers[i])));
        }
    }

    private static JsonObject Add(string path, JsonNode? value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };

    private static JsonNode Json(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!;

    // RFC 6901: "~" and "/" inside a key.
    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
