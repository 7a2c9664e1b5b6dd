using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Junction.Mesh.Identity;

/// <summary>cert-manager's CertificateRequests over the Kubernetes client, as untyped JSON (Junction does not ship cert-manager's types).</summary>
internal sealed class CertificateRequestClient(IKubernetes client) : ICertificateRequestApi
{
    /// <summary>The API group.</summary>
    public const string Group = "cert-manager.io";

    /// <summary>The served version.</summary>
    public const string Version = "v1";

    /// <summary>The resource.</summary>
    public const string Plural = "certificaterequests";

    /// <inheritdoc />
    public async Task<JsonObject> CreateAsync(string ns, JsonObject request, CancellationToken ct) =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(request, Group, Version, ns, Plural, fieldManager: "junction", cancellationToken: ct).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<JsonObject?> GetAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(Group, Version, ns, Plural, name, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, ns, Plural, name, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
