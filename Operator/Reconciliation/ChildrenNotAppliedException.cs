namespace Junction.Reconciliation;

/// <summary>
/// Thrown at the end of a reconcile whose child writes failed (after its status reports them),
/// so the controller retries the policy with backoff.
/// </summary>
internal sealed class ChildrenNotAppliedException(string policy, IReadOnlyList<ChildProblem> failures)
    : Exception($"TrafficPolicy {policy}: {failures.Count} child object(s) not applied: {string.Join("; ", failures)}")
{
    /// <summary>The children whose write or prune failed.</summary>
    public IReadOnlyList<ChildProblem> Failures { get; } = failures;
}
