namespace Junction.Runtime.Controllers;

/// <summary>
/// What the controller does with a request after a reconcile that returned (did not throw).
/// A reconcile that needs a retry with backoff throws; one that must look again later for a
/// reason of its own (a timeout, a rollout) asks for <see cref="RequeueAfter"/>. controller-runtime
/// deprecated <c>Result.Requeue</c> for the same split.
/// </summary>
/// <param name="RequeueAfter">Reconcile again after this delay; zero means not until something changes.</param>
public sealed record ReconcileResult(TimeSpan RequeueAfter = default)
{
    /// <summary>Nothing more to do until something changes.</summary>
    public static readonly ReconcileResult Done = new();

    /// <summary>Reconcile again after <paramref name="delay"/>.</summary>
    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
