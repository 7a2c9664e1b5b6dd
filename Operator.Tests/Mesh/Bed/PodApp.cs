using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Junction.Tests.HAProxy.Traffic.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// The application of one pod: a Kestrel server listening inside the pod's network namespace
/// (0.0.0.0:<see cref="Port"/>, so inbound capture applies to it). Every answer names the pod's
/// version, the path it saw and the X-Forwarded-Client-Cert header it received, one per line
/// (<c>version=v1</c>, <c>path=/x</c>, <c>xfcc=URI=spiffe://…</c>), and carries the version in
/// <see cref="VersionHeader"/>. <c>/status/&lt;code&gt;</c> answers that status and
/// <c>/delay/&lt;ms&gt;</c> waits first (at most 30 s). Every request is recorded, with its body
/// (up to <see cref="MaxRecordedBody"/> characters).
/// </summary>
internal sealed class PodApp : IAsyncDisposable
{
    public const string VersionHeader = "x-version";

    /// <summary>How much of a request body is recorded.</summary>
    public const int MaxRecordedBody = 64 * 1024;

    private readonly ConcurrentQueue<ObservedRequest> requests = new();
    private readonly ConcurrentDictionary<string, InFlight> inFlightByPath = new(StringComparer.Ordinal);
    private readonly WebApplication app;
    private int inFlight;
    private int maxInFlight;

    private PodApp(string version, int port, WebApplication app)
    {
        Version = version;
        Port = port;
        this.app = app;
    }

    public string Version { get; }

    public int Port { get; }

    public IReadOnlyList<ObservedRequest> Requests => [.. requests];

    /// <summary>The most requests this app was answering at once since the last <see cref="ClearRequests"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>
    /// The most requests for exactly this path the app was holding at once: unlike <see cref="MaxInFlight"/>,
    /// not disturbed by requests of earlier tests the proxy has given up on but the app still holds.
    /// </summary>
    public int MaxInFlightFor(string path) => inFlightByPath.TryGetValue(path, out var counter) ? Volatile.Read(ref counter.Max) : 0;

    /// <summary>Requests seen for exactly this path (and method, when given).</summary>
    public int Hits(string path, string? method = null) =>
        requests.Count(r => r.Path == path && (method is null || r.Method == method));

    public void ClearRequests()
    {
        requests.Clear();
        Volatile.Write(ref maxInFlight, 0);
        foreach (var counter in inFlightByPath.Values)
        {
            Volatile.Write(ref counter.Max, 0);
        }
    }

    public static async Task<PodApp> StartAsync(string netns, string version, int port, CancellationToken ct)
    {
        using var socket = NetnsSocket.Listen(netns, new IPEndPoint(IPAddress.Any, port));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var handle = NetnsSocket.Duplicate(socket);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenHandle(handle);
            k.AddServerHeader = false;
        });
        var web = builder.Build();
        var pod = new PodApp(version, port, web);
        web.Run(pod.HandleAsync);
        try
        {
            await web.StartAsync(ct);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return pod;
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped hard after the grace period.
        }

        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        // The body is recorded too (bounded), so a test can see what a mirrored copy carried.
        var body = await ReadBodyAsync(request, context.RequestAborted);
        requests.Enqueue(new ObservedRequest(
            request.Method,
            path,
            request.QueryString.Value ?? "",
            request.Protocol,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        // Counted while the request is held, not while its answer is written: the proxy may send the
        // next request as soon as it has the answer, before this handler has returned.
        var now = Interlocked.Increment(ref inFlight);
        var forPath = inFlightByPath.GetOrAdd(path, _ => new InFlight());
        RaiseMax(ref maxInFlight, now);
        RaiseMax(ref forPath.Max, Interlocked.Increment(ref forPath.Now));
        var counted = true;
        try
        {
            context.Response.Headers[VersionHeader] = Version;
            if (path.StartsWith("/delay/", StringComparison.Ordinal) && int.TryParse(path["/delay/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(ms, 30_000)), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (path.StartsWith("/status/", StringComparison.Ordinal) && int.TryParse(path["/status/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and < 600)
            {
                context.Response.StatusCode = status;
            }

            context.Response.ContentType = "text/plain";
            var xfcc = request.Headers["X-Forwarded-Client-Cert"].ToString();
            Interlocked.Decrement(ref inFlight);
            Interlocked.Decrement(ref forPath.Now);
            counted = false;
            await context.Response.WriteAsync($"version={Version}\npath={path}\nxfcc={xfcc}\n", context.RequestAborted);
        }
        finally
        {
            if (counted)
            {
                Interlocked.Decrement(ref inFlight);
                Interlocked.Decrement(ref forPath.Now);
            }
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return "";
        }

        var buffer = new char[MaxRecordedBody];
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var read = 0;
        try
        {
            int n;
            while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0)
            {
                read += n;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // A caller that went away leaves what arrived.
        }

        return new string(buffer, 0, read);
    }

    private static void RaiseMax(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }
}
