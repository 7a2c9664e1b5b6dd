using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>What applying the desired children did.</summary>
/// <param name="Attempted">False when nothing was applied (the spec is invalid).</param>
/// <param name="Children">Each child as the API server last returned or the cache holds it, by kind/name.</param>
/// <param name="Conflicts">Children whose name is taken by an object this policy does not control.</param>
/// <param name="Failures">Children whose write failed.</param>
internal sealed record ApplyOutcome(
    bool Attempted,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Children,
    IReadOnlyList<ChildProblem> Conflicts,
    IReadOnlyList<ChildProblem> Failures)
{
    /// <summary>Nothing was applied.</summary>
    public static readonly ApplyOutcome NotAttempted = new(false, [], [], []);

    /// <summary>The observed child of a kind named <paramref name="name"/>, if it was written or found.</summary>
    public T? Child<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Children.OfType<T>().FirstOrDefault(c => c.Metadata.Name == name);
}
