using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Trust-bundle ConfigMap writes over the Kubernetes client.</summary>
internal sealed class ConfigMapClient(IKubernetes client) : IConfigMapWriter
{
    /// <inheritdoc />
    public Task CreateAsync(V1ConfigMap configMap, CancellationToken ct) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(configMap, configMap.Metadata.NamespaceProperty, cancellationToken: ct);

    /// <inheritdoc />
    public Task ReplaceAsync(V1ConfigMap configMap, CancellationToken ct) =>
        client.CoreV1.ReplaceNamespacedConfigMapAsync(configMap, configMap.Metadata.Name, configMap.Metadata.NamespaceProperty, cancellationToken: ct);

    /// <inheritdoc />
    public async Task DeleteAsync(string ns, string name, string uid, CancellationToken ct)
    {
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } };
        try
        {
            await client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, options, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.StatusOf(e) is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Gone already, or replaced by a newer object (uid precondition): nothing of ours to delete.
        }
    }
}
