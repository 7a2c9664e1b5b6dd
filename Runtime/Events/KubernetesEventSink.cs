using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Junction.Runtime.Events;

/// <summary>Writes Events through the API server: POST to create, merge PATCH to aggregate.</summary>
public sealed class KubernetesEventSink(IKubernetes client) : IEventSink
{
    /// <inheritdoc />
    public Task CreateAsync(Corev1Event coreEvent, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedEventAsync(coreEvent, coreEvent.Metadata.NamespaceProperty, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<bool> UpdateCountAsync(string @namespace, string name, int count, DateTimeOffset lastTimestamp, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(
            $"{{\"count\":{count.ToString(CultureInfo.InvariantCulture)},\"lastTimestamp\":\"{Rfc3339(lastTimestamp)}\"}}",
            V1Patch.PatchType.MergePatch);
        try
        {
            await client.CoreV1.PatchNamespacedEventAsync(patch, name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException notFound) when (notFound.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    internal static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
