using Junction.Api.V1Alpha1;
using k8s;

namespace Junction.Reconciliation;

/// <summary>
/// The TrafficPolicy status subresource over the Kubernetes client. Each written policy is handed to
/// <paramref name="written"/> (the policy cache), so the next reconcile does not start from the status
/// before this write and write it again.
/// </summary>
internal sealed class StatusClient(IKubernetes client, Action<TrafficPolicy>? written = null) : IStatusClient
{
    /// <inheritdoc />
    public async Task ReplaceStatusAsync(TrafficPolicy policy, CancellationToken ct)
    {
        var stored = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<TrafficPolicy>(
            policy, TrafficPolicy.Group, TrafficPolicy.Version, policy.Metadata.NamespaceProperty, TrafficPolicy.Plural, policy.Metadata.Name, cancellationToken: ct).ConfigureAwait(false);
        written?.Invoke(stored);
    }

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
