using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// Create/replace/read/delete of the child kinds over the Kubernetes client. Each object the server
/// stores is handed to <paramref name="written"/> (the child caches), so a reconcile that runs before
/// the watch delivers it does not create it again.
/// </summary>
internal sealed class ChildClient(IKubernetes client, Action<IKubernetesObject<V1ObjectMeta>>? written = null) : IChildWriter
{
    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct) =>
        Written(await ChildKind.Of(obj).CreateAsync(client, obj, ct).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>> ReplaceAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct) =>
        Written(await ChildKind.Of(obj).ReplaceAsync(client, obj, ct).ConfigureAwait(false));

    private IKubernetesObject<V1ObjectMeta> Written(IKubernetesObject<V1ObjectMeta> stored)
    {
        written?.Invoke(stored);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(ChildKind kind, string ns, string name, CancellationToken ct)
    {
        try
        {
            return await kind.ReadAsync(client, ns, name, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(ChildKind kind, string ns, string name, string uid, CancellationToken ct)
    {
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid }, PropagationPolicy = "Background" };
        try
        {
            await kind.DeleteAsync(client, ns, name, options, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.StatusOf(e) is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Gone already, or replaced by a newer object (uid precondition): nothing of ours to delete.
        }
    }
}
