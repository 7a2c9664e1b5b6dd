using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Mesh.Sidecar;
using k8s.Models;

namespace Junction.Tests.Distribution;

/// <summary>Gateways, pods and sidecar inputs set by the test.</summary>
internal sealed class FakeDistributionView : IDistributionView
{
    public Dictionary<(string Namespace, string Name), string> Gateways { get; } = [];

    public Dictionary<(string Namespace, string Pod), Dictionary<string, string>> Pods { get; } = [];

    public List<TrafficPolicy> Policies { get; } = [];

    public List<V1Service> Services { get; } = [];

    public string? GatewayServiceAccount(string @namespace, string name) => Gateways.GetValueOrDefault((@namespace, name));

    public IReadOnlyDictionary<string, string>? PodLabels(string @namespace, string pod) => Pods.GetValueOrDefault((@namespace, pod));

    public SidecarInputs SidecarInputs() => new([.. Policies], [.. Services], []);
}
