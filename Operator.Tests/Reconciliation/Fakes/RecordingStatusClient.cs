using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Reconciliation;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>
/// The status subresource of an in-memory "server" copy of each policy, which may run ahead of the
/// cache (<see cref="InMemoryClusterView"/>): a write with a stale resourceVersion fails with 409.
/// An accepted write lands in both, as the watch would carry it to the cache.
/// </summary>
internal sealed class RecordingStatusClient(InMemoryClusterView view) : IStatusClient
{
    private readonly Dictionary<(string, string), TrafficPolicy> server = [];

    /// <summary>Every status written (accepted or not), in order.</summary>
    public List<TrafficPolicyStatus> Attempts { get; } = [];

    /// <summary>The statuses the server accepted.</summary>
    public List<TrafficPolicyStatus> Written { get; } = [];

    /// <summary>Puts the policy on the server and in the cache.</summary>
    public TrafficPolicy Seed(TrafficPolicy policy)
    {
        var cached = view.Put(policy);
        server[(cached.Metadata.NamespaceProperty, cached.Metadata.Name)] = InMemoryClusterView.Copy(cached);
        return cached;
    }

    /// <summary>Another writer changed the policy on the server; the cache has not seen it yet.</summary>
    public void ChangeOnServer(string ns, string name, Action<TrafficPolicy> change)
    {
        var policy = server[(ns, name)];
        change(policy);
        policy.Metadata.ResourceVersion = view.NextResourceVersion();
    }

    public Task ReplaceStatusAsync(TrafficPolicy policy, CancellationToken ct)
    {
        Attempts.Add(policy.Status ?? new TrafficPolicyStatus());
        var key = (policy.Metadata.NamespaceProperty, policy.Metadata.Name);
        if (!server.TryGetValue(key, out var current) || current.Metadata.ResourceVersion != policy.Metadata.ResourceVersion)
        {
            throw ApiFailure.Of(current is null ? HttpStatusCode.NotFound : HttpStatusCode.Conflict, "the object has been modified");
        }

        var stored = InMemoryClusterView.Copy(policy);
        stored.Metadata.ResourceVersion = view.NextResourceVersion();
        server[key] = stored;
        view.Put(stored);
        Written.Add(stored.Status ?? new TrafficPolicyStatus());
        return Task.CompletedTask;
    }

    public Task<TrafficPolicy?> ReadAsync(string ns, string name, CancellationToken ct) =>
        Task.FromResult(server.TryGetValue((ns, name), out var p) ? InMemoryClusterView.Copy(p) : null);
}
