using k8s.Models;

namespace Junction.Mesh.Sidecar;

/// <summary>How a pod shows that it carries Junction's sidecar: the webhook injects it, status counts it.</summary>
internal static class SidecarPod
{
    /// <summary>The proxy container's name (junction-agent and HAProxy), as a native sidecar or a regular container.</summary>
    public const string ProxyContainer = "junction-proxy";

    /// <summary>True when the pod has the proxy container, among its init containers (native sidecar) or its containers.</summary>
    public static bool HasProxy(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return (pod.Spec?.InitContainers ?? []).Any(c => c.Name == ProxyContainer)
            || (pod.Spec?.Containers ?? []).Any(c => c.Name == ProxyContainer);
    }
}
