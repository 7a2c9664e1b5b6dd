using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using k8s;

namespace Junction.Runtime.Tests.Support;

/// <summary>
/// An HTTP handler in front of the Kubernetes client that answers list and watch requests
/// with responses the test scripts, in order. A request nobody scripted yet waits for one.
/// </summary>
internal sealed class ScriptedApi : DelegatingHandler
{
    private readonly Channel<Func<HttpRequestMessage, HttpResponseMessage>> lists = Channel.CreateUnbounded<Func<HttpRequestMessage, HttpResponseMessage>>();
    private readonly Channel<Func<HttpRequestMessage, HttpResponseMessage>> watches = Channel.CreateUnbounded<Func<HttpRequestMessage, HttpResponseMessage>>();
    private readonly ConcurrentQueue<Uri> listRequests = new();
    private readonly ConcurrentQueue<Uri> watchRequests = new();
    private readonly ConcurrentQueue<string> accepts = new();

    public IReadOnlyList<Uri> ListRequests => [.. listRequests];

    public IReadOnlyList<Uri> WatchRequests => [.. watchRequests];

    /// <summary>The Accept header of every request, lists and watches alike, in order ("" when none).</summary>
    public IReadOnlyList<string> Accepts => [.. accepts];

    public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, this);

    public void RespondToList(string kind, string resourceVersion, object[] items, string? continueToken = null)
    {
        var list = new Dictionary<string, object?>
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = "v1",
            ["metadata"] = new Dictionary<string, object?> { ["resourceVersion"] = resourceVersion, ["continue"] = continueToken },
            ["items"] = items.Select(i => System.Text.Json.JsonDocument.Parse(KubernetesJson.Serialize(i)).RootElement).ToArray(),
        };
        var json = System.Text.Json.JsonSerializer.Serialize(list);
        lists.Writer.TryWrite(request => Json(request, HttpStatusCode.OK, json));
    }

    public void RespondToList(HttpStatusCode code, TimeSpan? retryAfter = null) =>
        lists.Writer.TryWrite(request => Failure(request, code, retryAfter));

    public WatchStream RespondToWatch()
    {
        var stream = new WatchStream();
        watches.Writer.TryWrite(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(stream) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        });
        return stream;
    }

    public void RespondToWatch(HttpStatusCode code, TimeSpan? retryAfter = null) =>
        watches.Writer.TryWrite(request => Failure(request, code, retryAfter));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWatch = request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal);
        (isWatch ? watchRequests : listRequests).Enqueue(request.RequestUri);
        accepts.Enqueue(string.Join(", ", request.Headers.Accept.Select(a => a.ToString())));
        var respond = await (isWatch ? watches : lists).Reader.ReadAsync(cancellationToken);
        return respond(request);
    }

    private static HttpResponseMessage Failure(HttpRequestMessage request, HttpStatusCode code, TimeSpan? retryAfter)
    {
        var status = $"{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":{(int)code},\"reason\":\"{code}\",\"message\":\"scripted {(int)code}\"}}";
        var response = Json(request, code, status);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }
        return response;
    }

    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode code, string json) => new(code)
    {
        RequestMessage = request,
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
}
