using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>What applying one child did: written, unchanged, foreign, blocked or failed, and nothing else.</summary>
internal abstract record ChildResult
{
    private ChildResult()
    {
    }

    /// <summary>The child as the server last returned it or the cache holds it; null when there is none to show.</summary>
    public abstract IKubernetesObject<V1ObjectMeta>? Observed { get; }

    /// <summary>A create or update was sent and accepted.</summary>
    /// <param name="Stored">What the server stored.</param>
    public sealed record Written(IKubernetesObject<V1ObjectMeta> Stored) : ChildResult
    {
        /// <inheritdoc />
        public override IKubernetesObject<V1ObjectMeta> Observed => Stored;
    }

    /// <summary>The cached child already holds every owned field; nothing was sent.</summary>
    /// <param name="Cached">The child as the cache holds it.</param>
    public sealed record Unchanged(IKubernetesObject<V1ObjectMeta> Cached) : ChildResult
    {
        /// <inheritdoc />
        public override IKubernetesObject<V1ObjectMeta> Observed => Cached;
    }

    /// <summary>An object this policy does not control holds the name; it is left alone.</summary>
    /// <param name="Problem">Names the object and its controller.</param>
    public sealed record Foreign(ChildProblem Problem) : ChildResult
    {
        /// <inheritdoc />
        public override IKubernetesObject<V1ObjectMeta>? Observed => null;
    }

    /// <summary>
    /// The child was not written because it would use an object this policy does not control (a
    /// Deployment mounting a foreign ConfigMap); whatever exists under its name is left as it is.
    /// </summary>
    /// <param name="Problem">Names the child and the foreign object in its way.</param>
    /// <param name="Existing">The child as the cache holds it, if it exists.</param>
    public sealed record Blocked(ChildProblem Problem, IKubernetesObject<V1ObjectMeta>? Existing) : ChildResult
    {
        /// <inheritdoc />
        public override IKubernetesObject<V1ObjectMeta>? Observed => Existing;
    }

    /// <summary>The write (or a prune's delete) failed.</summary>
    /// <param name="Problem">Names the object and the error.</param>
    /// <param name="Last">The child as last seen, if it exists.</param>
    public sealed record Failed(ChildProblem Problem, IKubernetesObject<V1ObjectMeta>? Last) : ChildResult
    {
        /// <inheritdoc />
        public override IKubernetesObject<V1ObjectMeta>? Observed => Last;
    }
}
