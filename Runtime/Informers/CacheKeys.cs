using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>Cache keys, client-go's <c>MetaNamespaceKeyFunc</c>: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public static class CacheKeys
{
    /// <summary>The key of <paramref name="obj"/>.</summary>
    public static string For(IKubernetesObject<V1ObjectMeta> obj) => For(obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    /// <summary>The key of <c>namespace/name</c>.</summary>
    public static string For(string? @namespace, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";
}
