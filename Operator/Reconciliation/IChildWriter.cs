using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// The write side for child objects: what <see cref="ChildApplier"/> sends to the API server.
/// Failures are thrown as the client library throws them (<c>HttpOperationException</c>).
/// </summary>
internal interface IChildWriter
{
    /// <summary>Creates the object; returns what the server stored.</summary>
    Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct);

    /// <summary>Replaces the object; its resourceVersion makes a stale write fail with 409.</summary>
    Task<IKubernetesObject<V1ObjectMeta>> ReplaceAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct);

    /// <summary>Reads the object of that kind and name from the server, or null when it does not exist.</summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(ChildKind kind, string ns, string name, CancellationToken ct);

    /// <summary>
    /// Deletes the object if it still has <paramref name="uid"/>; the precondition keeps a
    /// stale cache from deleting a newer object of the same name. Absent is success.
    /// </summary>
    Task DeleteAsync(ChildKind kind, string ns, string name, string uid, CancellationToken ct);
}
