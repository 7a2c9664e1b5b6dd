using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>The CA Secret over the Kubernetes client.</summary>
internal sealed class CaSecretClient(IKubernetes client) : ICaSecretStore
{
    /// <inheritdoc />
    public async Task<V1Secret?> ReadAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task CreateAsync(V1Secret secret, CancellationToken ct) =>
        client.CoreV1.CreateNamespacedSecretAsync(secret, secret.Metadata.NamespaceProperty, cancellationToken: ct);
}
