namespace Junction.Runtime.Controllers;

/// <summary>What the controller does with a request after a successful reconcile.</summary>
/// <param name="Requeue">Retry through the rate limiter (controller-runtime's <c>Result.Requeue</c>).</param>
/// <param name="RequeueAfter">Reconcile again after this delay; takes precedence over <paramref name="Requeue"/>.</param>
public sealed record ReconcileResult(bool Requeue = false, TimeSpan RequeueAfter = default)
{
    /// <summary>Nothing more to do until something changes.</summary>
    public static readonly ReconcileResult Done = new();

    /// <summary>Reconcile again after <paramref name="delay"/>.</summary>
    public static ReconcileResult After(TimeSpan delay) => new(RequeueAfter: delay);
}
