using Junction.Reconciliation;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>Records the trust-bundle writes and applies them to the view, as the watch would.</summary>
internal sealed class RecordingConfigMapWriter(InMemoryTrustBundleView view) : IConfigMapWriter
{
    private int uid;

    public List<string> Calls { get; } = [];

    public List<V1ConfigMap> Written { get; } = [];

    public Task CreateAsync(V1ConfigMap configMap, CancellationToken ct)
    {
        Calls.Add($"create {configMap.Metadata.NamespaceProperty}/{configMap.Metadata.Name}");
        Store(configMap);
        return Task.CompletedTask;
    }

    public Task ReplaceAsync(V1ConfigMap configMap, CancellationToken ct)
    {
        Calls.Add($"replace {configMap.Metadata.NamespaceProperty}/{configMap.Metadata.Name} rv={configMap.Metadata.ResourceVersion}");
        Store(configMap);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string ns, string name, string uid, CancellationToken ct)
    {
        Calls.Add($"delete {ns}/{name} uid={uid}");
        view.ConfigMaps.Remove((ns, name));
        return Task.CompletedTask;
    }

    private void Store(V1ConfigMap configMap)
    {
        Written.Add(configMap);
        configMap.Metadata.Uid ??= $"uid-{++uid}";
        view.ConfigMaps[(configMap.Metadata.NamespaceProperty, configMap.Metadata.Name)] = configMap;
    }
}
