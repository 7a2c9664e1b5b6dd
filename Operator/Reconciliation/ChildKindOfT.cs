using System.Text.Json.Nodes;
using Junction.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// A child kind whose objects are <typeparamref name="T"/>: where it lives in the API comes from the type's
/// <c>[KubernetesEntity]</c>, as for informers; its typed client calls are given once, here.
/// </summary>
internal sealed record ChildKind<T>(
    Func<IKubernetes, T, string, CancellationToken, Task<T>> Create,
    Func<IKubernetes, T, string, string, CancellationToken, Task<T>> Replace,
    Func<IKubernetes, string, string, CancellationToken, Task<T>> Read,
    Func<IKubernetes, string, string, V1DeleteOptions, CancellationToken, Task> Delete) : ChildKind(ResourceType.For<T>())
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public override Type ClrType => typeof(T);

    /// <inheritdoc />
    public override IKubernetesObject<V1ObjectMeta> FromNode(JsonNode node) => KubernetesJson.Deserialize<T>(node.ToJsonString());

    /// <inheritdoc />
    public override async Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct) =>
        await Create(client, (T)obj, obj.Metadata.NamespaceProperty, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<IKubernetesObject<V1ObjectMeta>> ReplaceAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct) =>
        await Replace(client, (T)obj, obj.Metadata.Name, obj.Metadata.NamespaceProperty, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<IKubernetesObject<V1ObjectMeta>> ReadAsync(IKubernetes client, string ns, string name, CancellationToken ct) =>
        await Read(client, name, ns, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public override Task DeleteAsync(IKubernetes client, string ns, string name, V1DeleteOptions options, CancellationToken ct) =>
        Delete(client, name, ns, options, ct);

    /// <summary>The cache lookup of this kind over an informer's cache (which must index by owner uid).</summary>
    public ChildCache Over(InformerCache<T> cache) =>
        new(this, (ns, name) => cache.Get(ns, name), uid => cache.ByIndex(Indexers.ByOwnerUid, uid));
}
