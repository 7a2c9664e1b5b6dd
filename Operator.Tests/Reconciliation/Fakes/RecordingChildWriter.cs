using System.Net;
using Junction.Reconciliation;
using k8s;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>
/// Child writes against the in-memory view, as if the cache caught up at once: creates fail with
/// 409 when the name exists, replaces when the resourceVersion is stale. Records every call;
/// <see cref="FailNext"/> makes the next call of a verb fail with a status.
/// </summary>
internal sealed class RecordingChildWriter(InMemoryClusterView view) : IChildWriter
{
    private readonly Queue<(string Verb, HttpStatusCode Status)> faults = new();

    /// <summary>Every call, as "verb Kind ns/name".</summary>
    public List<string> Calls { get; } = [];

    /// <summary>The next call of <paramref name="verb"/> (create, replace, read, delete) fails with <paramref name="status"/>.</summary>
    public void FailNext(string verb, HttpStatusCode status) => faults.Enqueue((verb, status));

    public Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct)
    {
        Record("create", obj.GetType(), obj.Metadata.NamespaceProperty, obj.Metadata.Name);
        if (view.Get(obj.GetType(), obj.Metadata.NamespaceProperty, obj.Metadata.Name) is not null)
        {
            throw ApiFailure.Of(HttpStatusCode.Conflict, "already exists");
        }

        var stored = InMemoryClusterView.Copy(obj);
        stored.Metadata.Uid = null;
        stored.Metadata.ResourceVersion = null;
        return Task.FromResult(view.Put(stored));
    }

    public Task<IKubernetesObject<V1ObjectMeta>> ReplaceAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct)
    {
        Record("replace", obj.GetType(), obj.Metadata.NamespaceProperty, obj.Metadata.Name);
        var current = view.Get(obj.GetType(), obj.Metadata.NamespaceProperty, obj.Metadata.Name)
            ?? throw ApiFailure.Of(HttpStatusCode.NotFound, "not found");
        if (current.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
        {
            throw ApiFailure.Of(HttpStatusCode.Conflict, "the object has been modified");
        }

        var stored = InMemoryClusterView.Copy(obj);
        stored.Metadata.ResourceVersion = view.NextResourceVersion();
        return Task.FromResult(view.Put(stored));
    }

    public Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(ChildKind kind, string ns, string name, CancellationToken ct)
    {
        Record("read", kind.ClrType, ns, name);
        return Task.FromResult(view.Get(kind.ClrType, ns, name));
    }

    public Task DeleteAsync(ChildKind kind, string ns, string name, string uid, CancellationToken ct)
    {
        Record("delete", kind.ClrType, ns, name);
        if (view.Get(kind.ClrType, ns, name) is { } current && current.Metadata.Uid == uid)
        {
            view.Remove(kind.ClrType, ns, name);
        }

        return Task.CompletedTask;
    }

    private void Record(string verb, Type type, string ns, string name)
    {
        var kind = ChildKind.All.Single(k => k.ClrType == type).Kind;
        Calls.Add($"{verb} {kind} {ns}/{name}");
        if (faults.TryPeek(out var fault) && fault.Verb == verb)
        {
            faults.Dequeue();
            throw ApiFailure.Of(fault.Status, "injected");
        }
    }
}
