using System.Collections.Concurrent;

namespace Junction.ApiServer.Http;

/// <summary>Counts resource requests by verb and resource, so a test can assert for example that no write happened.</summary>
public sealed class RequestLog
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    /// <summary>Every resource request since the last <see cref="Reset"/>, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> All => requests.ToArray();

    /// <summary>Requests with this verb (get, list, watch, create, update, patch, delete, deletecollection) on this resource (plural, e.g. "deployments" or "deployments/status").</summary>
    public int Count(string verb, string resource) => requests.Count(r => r.Verb == verb && r.Resource == resource);

    /// <summary>Requests with this verb on any resource.</summary>
    public int Count(string verb) => requests.Count(r => r.Verb == verb);

    /// <summary>Create, update, patch and delete requests on any resource.</summary>
    public int Writes => requests.Count(r => WriteVerbs.Contains(r.Verb));

    /// <summary>Forgets every recorded request.</summary>
    public void Reset() => requests.Clear();

    internal void Add(RecordedRequest request) => requests.Enqueue(request);
}
