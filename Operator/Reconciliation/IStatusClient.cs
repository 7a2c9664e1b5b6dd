using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>The policy's /status subresource and a fresh read of the policy: what <see cref="StatusWriter"/> sends.</summary>
internal interface IStatusClient
{
    /// <summary>Replaces the status of <paramref name="policy"/>; its resourceVersion makes a stale write fail with 409.</summary>
    Task ReplaceStatusAsync(TrafficPolicy policy, CancellationToken ct);

    /// <summary>Reads the policy from the server, or null when it does not exist.</summary>
    Task<TrafficPolicy?> ReadAsync(string ns, string name, CancellationToken ct);
}
