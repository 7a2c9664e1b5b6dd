using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>The writes of gateway identity Secrets: they are not cached with their data, so they bypass <see cref="ChildApplier"/>.</summary>
internal interface IIdentitySecretStore
{
    /// <summary>Creates the Secret; returns what the server stored.</summary>
    Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken ct);

    /// <summary>Replaces the Secret; its resourceVersion makes a stale write fail with 409.</summary>
    Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken ct);

    /// <summary>Deletes the Secret if it still has <paramref name="uid"/>.</summary>
    Task DeleteAsync(string ns, string name, string uid, CancellationToken ct);
}
