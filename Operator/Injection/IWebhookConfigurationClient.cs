using k8s.Models;

namespace Junction.Injection;

/// <summary>The MutatingWebhookConfiguration the operator keeps the caBundle of.</summary>
internal interface IWebhookConfigurationClient
{
    /// <summary>The configuration, or null when it does not exist.</summary>
    Task<V1MutatingWebhookConfiguration?> ReadAsync(string name, CancellationToken ct);

    /// <summary>Applies a JSON Patch (RFC 6902) to it.</summary>
    Task PatchAsync(string name, string jsonPatch, CancellationToken ct);
}
