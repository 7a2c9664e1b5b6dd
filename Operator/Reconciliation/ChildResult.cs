using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>What applying one child did.</summary>
/// <param name="Observed">The child as the server last returned it or the cache holds it; null when not written.</param>
/// <param name="Wrote">True when a create or update was sent and accepted.</param>
/// <param name="Conflict">Set when an object not controlled by the policy holds the name.</param>
/// <param name="Failure">Set when the write failed.</param>
internal sealed record ChildResult(IKubernetesObject<V1ObjectMeta>? Observed, bool Wrote, ChildProblem? Conflict, ChildProblem? Failure);
