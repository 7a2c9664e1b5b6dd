using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Gateway identity Secrets over the Kubernetes client.</summary>
internal sealed class IdentitySecretClient(IKubernetes client) : IIdentitySecretStore
{
    /// <inheritdoc />
    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken ct) =>
        client.CoreV1.CreateNamespacedSecretAsync(secret, secret.Metadata.NamespaceProperty, cancellationToken: ct);

    /// <inheritdoc />
    public Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken ct) =>
        client.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, secret.Metadata.NamespaceProperty, cancellationToken: ct);

    /// <inheritdoc />
    public async Task DeleteAsync(string ns, string name, string uid, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(name, ns, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            // Gone already: what was wanted.
        }
    }
}
