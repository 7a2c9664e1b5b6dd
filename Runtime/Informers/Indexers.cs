using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>Common index functions for <see cref="Informer{T}.AddIndexer"/>.</summary>
public static class Indexers
{
    /// <summary>The index name conventionally used with <see cref="OwnerUid"/>.</summary>
    public const string ByOwnerUid = "owner-uid";

    /// <summary>The index name conventionally used with <see cref="Namespace"/>.</summary>
    public const string ByNamespace = "namespace";

    /// <summary>Indexes an object by the UIDs of its owner references.</summary>
    public static IEnumerable<string> OwnerUid(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.OwnerReferences?.Select(o => o.Uid) ?? [];

    /// <summary>Indexes an object by its namespace (client-go <c>MetaNamespaceIndexFunc</c>).</summary>
    public static IEnumerable<string> Namespace(IKubernetesObject<V1ObjectMeta> obj) =>
        [obj.Metadata.NamespaceProperty ?? ""];

    /// <summary>Index values for objects referenced from <paramref name="obj"/>'s namespace: <c>namespace/name</c> each.</summary>
    public static IEnumerable<string> SameNamespace(IKubernetesObject<V1ObjectMeta> obj, IEnumerable<string?> names) =>
        names.Where(n => !string.IsNullOrEmpty(n)).Select(n => CacheKeys.For(obj.Metadata.NamespaceProperty, n!)).Distinct(StringComparer.Ordinal);
}
