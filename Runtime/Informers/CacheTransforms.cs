using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>Transforms applied to objects on their way into an informer's cache (client-go's <c>TransformFunc</c>).</summary>
public static class CacheTransforms
{
    /// <summary>The annotation <c>kubectl apply</c> keeps its last applied configuration in: a second copy of the object.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>
    /// Drops <c>metadata.managedFields</c> and the <see cref="LastAppliedAnnotation"/> (controller-runtime's
    /// <c>TransformStripManagedFields</c>, which strips the former). Together they are often larger than the
    /// rest of the object, and a controller that reads field ownership or kubectl's bookkeeping from the API
    /// rather than from the cache never needs them. An update built from a stripped object keeps the
    /// server's managedFields (an update without them leaves them as they are).
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> StripManagedFields(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
            if (metadata.Annotations is { } annotations && annotations.ContainsKey(LastAppliedAnnotation))
            {
                var kept = annotations.Where(a => a.Key != LastAppliedAnnotation).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
                metadata.Annotations = kept.Count == 0 ? null : kept;
            }
        }

        return obj;
    }
}
