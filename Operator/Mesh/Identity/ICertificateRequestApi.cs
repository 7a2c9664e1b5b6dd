using System.Text.Json.Nodes;

namespace Junction.Mesh.Identity;

/// <summary>The calls <see cref="CertManagerIssuer"/> makes on <c>cert-manager.io/v1</c> CertificateRequests.</summary>
internal interface ICertificateRequestApi
{
    /// <summary>Creates the request (its <c>metadata.generateName</c> picks the name); returns the created object.</summary>
    Task<JsonObject> CreateAsync(string ns, JsonObject request, CancellationToken ct);

    /// <summary>Reads the request; null when it does not exist.</summary>
    Task<JsonObject?> GetAsync(string ns, string name, CancellationToken ct);

    /// <summary>Deletes the request; a request that is already gone is not an error.</summary>
    Task DeleteAsync(string ns, string name, CancellationToken ct);
}
