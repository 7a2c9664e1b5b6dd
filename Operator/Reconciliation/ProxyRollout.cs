using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>How far the proxy Deployment has rolled out the current config.</summary>
/// <param name="Desired">Replicas the Deployment asks for.</param>
/// <param name="Ready">Replicas that are ready, of any config.</param>
/// <param name="Current">Replicas that run the current template (config hash) and are available.</param>
/// <param name="Stale">Replicas still running an older template.</param>
internal sealed record ProxyRollout(int Desired, int Ready, int Current, int Stale)
{
    /// <summary>True when every desired replica runs the current config and no old replica remains.</summary>
    public bool Complete => Current >= Desired && Stale == 0;

    /// <summary>
    /// Reads the rollout from the observed Deployment. Its counters describe the current template
    /// only once the Deployment controller has observed the current generation, and only when the
    /// observed spec is the one Junction wants (same applied hash); before that nothing is current.
    /// </summary>
    public static ProxyRollout Of(V1Deployment desired, V1Deployment? observed)
    {
        var wanted = desired.Spec?.Replicas ?? 1;
        if (observed is null)
        {
            return new ProxyRollout(wanted, 0, 0, 0);
        }

        var status = observed.Status;
        var ready = status?.ReadyReplicas ?? 0;
        var total = status?.Replicas ?? 0;
        if (!IsCurrent(desired, observed))
        {
            return new ProxyRollout(wanted, ready, 0, total);
        }

        var updated = status?.UpdatedReplicas ?? 0;
        var current = Math.Min(updated, status?.AvailableReplicas ?? ready);
        return new ProxyRollout(wanted, ready, current, Math.Max(0, total - updated));
    }

    private static bool IsCurrent(V1Deployment desired, V1Deployment observed) =>
        observed.Status?.ObservedGeneration is { } seen
        && seen >= (observed.Metadata.Generation ?? 0)
        && AppliedHash(observed) == AppliedHash(desired);

    private static string? AppliedHash(V1Deployment deployment) =>
        deployment.Metadata.Annotations?.TryGetValue(OwnedFields.AppliedHashAnnotation, out var hash) == true ? hash : null;
}
