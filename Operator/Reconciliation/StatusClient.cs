using Junction.Api.V1Alpha1;
using k8s;

namespace Junction.Reconciliation;

/// <summary>The TrafficPolicy status subresource over the Kubernetes client.</summary>
internal sealed class StatusClient(IKubernetes client) : IStatusClient
{
    /// <inheritdoc />
    public Task ReplaceStatusAsync(TrafficPolicy policy, CancellationToken ct) =>
        client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            policy, TrafficPolicy.Group, TrafficPolicy.Version, policy.Metadata.NamespaceProperty, TrafficPolicy.Plural, policy.Metadata.Name, cancellationToken: ct);

    /// <inheritdoc />
    public async Task<TrafficPolicy?> ReadAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<TrafficPolicy>(
                TrafficPolicy.Group, TrafficPolicy.Version, ns, TrafficPolicy.Plural, name, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }
}
