using Junction.Reconciliation;
using k8s;
using k8s.Models;

namespace Junction.Injection;

/// <summary>The MutatingWebhookConfiguration over the Kubernetes client.</summary>
internal sealed class WebhookConfigurationClient(IKubernetes client) : IWebhookConfigurationClient
{
    /// <inheritdoc />
    public async Task<V1MutatingWebhookConfiguration?> ReadAsync(string name, CancellationToken ct)
    {
        try
        {
            return await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task PatchAsync(string name, string jsonPatch, CancellationToken ct) =>
        client.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(new V1Patch(jsonPatch, V1Patch.PatchType.JsonPatch), name, fieldManager: "junction", cancellationToken: ct);
}
