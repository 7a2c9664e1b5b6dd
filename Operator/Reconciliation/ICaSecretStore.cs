using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Reads and creates the CA Secret; the two calls the CA bootstrap makes.</summary>
internal interface ICaSecretStore
{
    /// <summary>The Secret, or null when there is none.</summary>
    Task<V1Secret?> ReadAsync(string ns, string name, CancellationToken ct);

    /// <summary>Creates the Secret; an HTTP 409 (it exists already) surfaces as the client's exception.</summary>
    Task CreateAsync(V1Secret secret, CancellationToken ct);
}
