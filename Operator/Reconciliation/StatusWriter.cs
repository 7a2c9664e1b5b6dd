using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>
/// Writes a policy's status through the /status subresource, only when it changed, and on a
/// 409 re-reads the policy and tries again with its fresh resourceVersion.
/// </summary>
internal sealed class StatusWriter(IStatusClient client)
{
    private const int Attempts = 4;

    /// <summary>
    /// Computes the status from the policy (its current status is the previous one) and writes it
    /// unless the policy already has it. After a 409 the status is computed again from the
    /// re-read policy, so transition times and Events are relative to what the server holds.
    /// Returns the written update, or null when nothing was written.
    /// </summary>
    public async Task<StatusUpdate?> WriteAsync(TrafficPolicy policy, Func<TrafficPolicy, StatusUpdate> compute, CancellationToken ct)
    {
        var current = policy;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var update = compute(current);
            if (StatusComparison.Same(current.Status, update.Status))
            {
                return null;
            }

            try
            {
                await client.ReplaceStatusAsync(new TrafficPolicy { Metadata = current.Metadata, Spec = current.Spec, Status = update.Status }, ct).ConfigureAwait(false);
                return update;
            }
            catch (Exception e) when (ApiErrors.IsConflict(e))
            {
                current = await client.ReadAsync(policy.Metadata.NamespaceProperty, policy.Metadata.Name, ct).ConfigureAwait(false);
                if (current is null || current.Metadata.Generation != policy.Metadata.Generation)
                {
                    // Deleted, or the spec moved on: that change queues its own reconcile.
                    return null;
                }
            }
        }

        throw new InvalidOperationException($"TrafficPolicy {policy.Metadata.NamespaceProperty}/{policy.Metadata.Name}: status changed on every attempt to write it");
    }
}
