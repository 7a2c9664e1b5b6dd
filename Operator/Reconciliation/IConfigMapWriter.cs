using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>The ConfigMap writes of the trust-bundle reconciler.</summary>
internal interface IConfigMapWriter
{
    /// <summary>Creates the ConfigMap.</summary>
    Task CreateAsync(V1ConfigMap configMap, CancellationToken ct);

    /// <summary>Replaces the ConfigMap; its resourceVersion makes a stale write fail with 409.</summary>
    Task ReplaceAsync(V1ConfigMap configMap, CancellationToken ct);

    /// <summary>Deletes the ConfigMap with this uid; gone already or replaced by another object is not an error.</summary>
    Task DeleteAsync(string ns, string name, string uid, CancellationToken ct);
}
