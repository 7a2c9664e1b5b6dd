namespace Junction.Runtime.Controllers;

/// <summary>
/// Brings one object to its desired state, reading everything it needs from the caches.
/// Level-based: it is told which object, never what happened. A thrown exception retries
/// the request with backoff.
/// </summary>
public interface IReconciler
{
    /// <summary>Reconciles the object named by <paramref name="request"/>.</summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken);
}
