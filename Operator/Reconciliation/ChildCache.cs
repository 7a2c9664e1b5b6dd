using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>The cached objects of one child kind: by name, and by the uid of their owner.</summary>
/// <param name="Kind">The kind cached.</param>
/// <param name="Get">The object of that namespace/name, or null.</param>
/// <param name="OwnedBy">The objects whose owner references name the uid.</param>
internal sealed record ChildCache(
    ChildKind Kind,
    Func<string, string, IKubernetesObject<V1ObjectMeta>?> Get,
    Func<string, IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> OwnedBy);
