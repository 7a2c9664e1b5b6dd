using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>What applying the desired children did, one result per child written or pruned.</summary>
/// <param name="Results">In apply order, then the failed prunes.</param>
internal sealed record ApplyOutcome(IReadOnlyList<ChildResult> Results)
{
    /// <summary>Nothing was applied (the spec is invalid).</summary>
    public static readonly ApplyOutcome NotAttempted = new([]);

    /// <summary>Each child as the API server last returned or the cache holds it.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Children =>
        Results.Select(r => r.Observed).OfType<IKubernetesObject<V1ObjectMeta>>().ToList();

    /// <summary>Children whose name is taken by an object this policy does not control, then the children that would use one.</summary>
    public IReadOnlyList<ChildProblem> Conflicts =>
        Results.OfType<ChildResult.Foreign>().Select(f => f.Problem)
            .Concat(Results.OfType<ChildResult.Blocked>().Select(b => b.Problem))
            .ToList();

    /// <summary>Children whose write or prune failed.</summary>
    public IReadOnlyList<ChildProblem> Failures => Results.OfType<ChildResult.Failed>().Select(f => f.Problem).ToList();

    /// <summary>The observed child of a kind named <paramref name="name"/>, if it was written or found.</summary>
    public T? Child<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Children.OfType<T>().FirstOrDefault(c => c.Metadata.Name == name);
}
