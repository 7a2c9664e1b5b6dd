using System.Net;
using Junction.Reconciliation;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>Secrets in a dictionary; <see cref="BeforeCreate"/> lets a test play another replica that creates first.</summary>
internal sealed class InMemoryCaSecretStore : ICaSecretStore
{
    private readonly Dictionary<(string, string), V1Secret> secrets = [];

    /// <summary>Runs before each create; whatever it puts in makes the create fail with 409, as the API server would.</summary>
    public Action? BeforeCreate { get; set; }

    public List<string> Calls { get; } = [];

    public V1Secret? Get(string ns, string name) => secrets.GetValueOrDefault((ns, name));

    public void Put(V1Secret secret) => secrets[(secret.Metadata.NamespaceProperty, secret.Metadata.Name)] = secret;

    public void Remove(string ns, string name) => secrets.Remove((ns, name));

    public Task<V1Secret?> ReadAsync(string ns, string name, CancellationToken ct)
    {
        Calls.Add($"read {ns}/{name}");
        return Task.FromResult(Get(ns, name));
    }

    public Task CreateAsync(V1Secret secret, CancellationToken ct)
    {
        Calls.Add($"create {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}");
        BeforeCreate?.Invoke();
        if (Get(secret.Metadata.NamespaceProperty, secret.Metadata.Name) is not null)
        {
            throw ApiFailure.Of(HttpStatusCode.Conflict, "secrets \"junction-ca\" already exists");
        }

        Put(secret);
        return Task.CompletedTask;
    }
}
