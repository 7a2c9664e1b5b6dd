using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Junction.Runtime.Tests.Support;

/// <summary>
/// A tiny in-memory API for namespaced objects addressed by collection path (Leases, Events):
/// GET, POST, PUT with resourceVersion conflicts, merge PATCH, plus injectable failures.
/// </summary>
internal sealed class ObjectApi : DelegatingHandler
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requests = new();
    private int resourceVersion;

    /// <summary>Answers requests with this status instead of serving them, while set.</summary>
    public HttpStatusCode? FailWith { get; set; }

    public IReadOnlyList<string> Requests => [.. requests];

    public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, this);

    public JsonObject? Get(string path)
    {
        lock (gate)
        {
            return objects.TryGetValue(path, out var found) ? (JsonObject)found.DeepClone() : null;
        }
    }

    public IReadOnlyList<JsonObject> List(string collectionPath)
    {
        lock (gate)
        {
            return [.. objects.Where(o => o.Key.StartsWith(collectionPath + "/", StringComparison.Ordinal)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (JsonObject)o.Value.DeepClone())];
        }
    }

    public void Put(string path, object obj)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        lock (gate)
        {
            node["metadata"]!["resourceVersion"] = (++resourceVersion).ToString();
            objects[path] = node;
        }
    }

    public void Remove(string path)
    {
        lock (gate)
        {
            objects.Remove(path);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        requests.Enqueue($"{request.Method} {path}");
        if (FailWith is { } failure)
        {
            return Status(request, failure, "injected failure");
        }
        lock (gate)
        {
            return request.Method.Method switch
            {
                "GET" => objects.TryGetValue(path, out var found) ? Json(request, HttpStatusCode.OK, found) : Status(request, HttpStatusCode.NotFound, $"{path} not found"),
                "POST" => Create(request, path, JsonNode.Parse(body!)!.AsObject()),
                "PUT" => Replace(request, path, JsonNode.Parse(body!)!.AsObject()),
                "PATCH" => Patch(request, path, JsonNode.Parse(body!)!.AsObject()),
                _ => Status(request, HttpStatusCode.MethodNotAllowed, request.Method.Method),
            };
        }
    }

    private HttpResponseMessage Create(HttpRequestMessage request, string collectionPath, JsonObject obj)
    {
        var path = $"{collectionPath}/{obj["metadata"]!["name"]}";
        if (objects.ContainsKey(path))
        {
            return Status(request, HttpStatusCode.Conflict, $"{path} already exists");
        }
        obj["metadata"]!["resourceVersion"] = (++resourceVersion).ToString();
        objects[path] = obj;
        return Json(request, HttpStatusCode.Created, obj);
    }

    private HttpResponseMessage Replace(HttpRequestMessage request, string path, JsonObject obj)
    {
        if (!objects.TryGetValue(path, out var existing))
        {
            return Status(request, HttpStatusCode.NotFound, $"{path} not found");
        }
        if ((string?)obj["metadata"]?["resourceVersion"] != (string?)existing["metadata"]!["resourceVersion"])
        {
            return Status(request, HttpStatusCode.Conflict, $"{path} was modified");
        }
        obj["metadata"]!["resourceVersion"] = (++resourceVersion).ToString();
        objects[path] = obj;
        return Json(request, HttpStatusCode.OK, obj);
    }

    private HttpResponseMessage Patch(HttpRequestMessage request, string path, JsonObject patch)
    {
        if (!objects.TryGetValue(path, out var existing))
        {
            return Status(request, HttpStatusCode.NotFound, $"{path} not found");
        }
        foreach (var (name, value) in patch)
        {
            existing[name] = value?.DeepClone();
        }
        existing["metadata"]!["resourceVersion"] = (++resourceVersion).ToString();
        return Json(request, HttpStatusCode.OK, existing);
    }

    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode code, JsonNode node) => new(code)
    {
        RequestMessage = request,
        Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Status(HttpRequestMessage request, HttpStatusCode code, string message) =>
        Json(request, code, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["code"] = (int)code, ["message"] = message });
}
