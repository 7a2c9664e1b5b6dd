using System.Net;
using Junction.Reconciliation;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>Identity Secret writes into the in-memory cache, recorded as "verb ns/name", with the API server's 409 on a stale write.</summary>
internal sealed class RecordingIdentitySecretStore(InMemoryClusterView view) : IIdentitySecretStore
{
    public List<string> Calls { get; } = [];

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken ct)
    {
        Calls.Add($"create {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}");
        if (view.Secret(secret.Metadata.NamespaceProperty, secret.Metadata.Name) is not null)
        {
            throw ApiFailure.Of(HttpStatusCode.Conflict, "already exists");
        }

        return Task.FromResult(view.Put(secret));
    }

    public Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken ct)
    {
        Calls.Add($"replace {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}");
        var current = view.Secret(secret.Metadata.NamespaceProperty, secret.Metadata.Name)
            ?? throw ApiFailure.Of(HttpStatusCode.NotFound, "not found");
        if (current.Metadata.ResourceVersion != secret.Metadata.ResourceVersion)
        {
            throw ApiFailure.Of(HttpStatusCode.Conflict, "the object has been modified");
        }

        var stored = InMemoryClusterView.Copy(secret);
        stored.Metadata.Uid = current.Metadata.Uid;
        stored.Metadata.ResourceVersion = view.NextResourceVersion();
        return Task.FromResult(view.Put(stored));
    }

    public Task DeleteAsync(string ns, string name, string uid, CancellationToken ct)
    {
        Calls.Add($"delete {ns}/{name}");
        view.Remove(typeof(V1Secret), ns, name);
        return Task.CompletedTask;
    }
}
