using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>
/// A real HTTP server (Kestrel) standing for one pod of a Service. It records every request
/// it sees, answers with its own name, and can be told to fail, delay, reset or refuse.
/// It also echoes WebSocket messages and answers gRPC unary calls.
/// </summary>
internal sealed class BackendServer : IAsyncDisposable
{
    public const string NameHeader = "x-backend";

    /// <summary>A response header every answer carries, for filters to remove.</summary>
    public const string InternalHeader = "x-backend-internal";

    private readonly ConcurrentQueue<ObservedRequest> requests = new();
    private WebApplication? app;
    private int failNext;
    private int failNextStatus;
    private int resetNext;
    private int healthChecks;

    private BackendServer(string name, IPEndPoint endpoint, HttpProtocols protocols)
    {
        Name = name;
        Endpoint = endpoint;
        Protocols = protocols;
    }

    public string Name { get; }

    public IPEndPoint Endpoint { get; }

    public HttpProtocols Protocols { get; }

    /// <summary>The health check path: requests to it are answered with <see cref="HealthStatus"/> and not recorded.</summary>
    public string HealthPath { get; set; } = "/healthz";

    public int HealthStatus { get; set; } = 200;

    /// <summary>When not 0, every (non health check) request is answered with this status.</summary>
    public int AlwaysStatus { get; set; }

    /// <summary>Waited before answering each request.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ObservedRequest> Requests => [.. requests];

    public int HealthChecks => Volatile.Read(ref healthChecks);

    public bool IsRunning => app is not null;

    public static async Task<BackendServer> StartAsync(string name, IPEndPoint endpoint, HttpProtocols protocols = HttpProtocols.Http1, CancellationToken ct = default)
    {
        var server = new BackendServer(name, endpoint, protocols);
        await server.StartAsync(ct);
        return server;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status)
    {
        Volatile.Write(ref failNextStatus, status);
        Volatile.Write(ref failNext, count);
    }

    /// <summary>Resets the connection instead of answering the next <paramref name="count"/> requests.</summary>
    public void ResetNext(int count) => Volatile.Write(ref resetNext, count);

    public void ClearRequests() => requests.Clear();

    /// <summary>Starts listening (again).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(Endpoint, l => l.Protocols = Protocols);
            k.AddServerHeader = false;
        });
        var web = builder.Build();
        web.UseWebSockets();
        web.Run(HandleAsync);
        await web.StartAsync(ct);
        app = web;
    }

    /// <summary>Stops listening: new connections are refused, as from a pod that went away.</summary>
    public async Task StopAsync()
    {
        if (app is { } web)
        {
            app = null;
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await web.StopAsync(grace.Token);
            await web.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == HealthPath)
        {
            Interlocked.Increment(ref healthChecks);
            context.Response.StatusCode = HealthStatus;
            return;
        }

        var body = "";
        if (!context.WebSockets.IsWebSocketRequest && request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            try
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
            {
                return;
            }
        }

        requests.Enqueue(new ObservedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Protocol,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        context.Response.Headers[NameHeader] = Name;
        context.Response.Headers[InternalHeader] = "1";

        if (TakeOne(ref resetNext))
        {
            context.Abort();
            return;
        }

        if (TakeOne(ref failNext))
        {
            context.Response.StatusCode = Volatile.Read(ref failNextStatus);
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (AlwaysStatus != 0)
        {
            context.Response.StatusCode = AlwaysStatus;
            return;
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            await EchoWebSocketAsync(context);
        }
        else if (request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            await AnswerGrpcAsync(context);
        }
        else
        {
            await context.Response.WriteAsync(Name, context.RequestAborted);
        }
    }

    private static bool TakeOne(ref int counter)
    {
        int seen;
        do
        {
            seen = Volatile.Read(ref counter);
            if (seen <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, seen - 1, seen) != seen);
        return true;
    }

    private async Task EchoWebSocketAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }

            var reply = Encoding.UTF8.GetBytes($"{Name}:{Encoding.UTF8.GetString(buffer, 0, received.Count)}");
            await socket.SendAsync(reply, WebSocketMessageType.Text, true, context.RequestAborted);
        }
    }

    /// <summary>
    /// A gRPC unary method on the wire: a length-prefixed message in, one out, then
    /// grpc-status in the trailers. A request "fail" is answered with PERMISSION_DENIED.
    /// </summary>
    private async Task AnswerGrpcAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var message = GrpcFrame.Decode(body.ToArray());

        var response = context.Response;
        response.ContentType = "application/grpc";
        response.AppendTrailer("x-served-by", Name);
        if (message == "fail")
        {
            response.AppendTrailer("grpc-status", "7");
            response.AppendTrailer("grpc-message", "denied");
            return;
        }

        await response.Body.WriteAsync(GrpcFrame.Encode($"{Name}:{message}"), context.RequestAborted);
        response.AppendTrailer("grpc-status", "0");
    }
}
