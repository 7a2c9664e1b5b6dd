using Junction.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class ProtocolTrafficTests
{
    [SkippableFact]
    public async Task Http2Policy_CarriesHttp2CleartextEndToEnd()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("http2");
        using var client = TrafficClient.Create(gateway.BaseAddress, HttpVersion.Version20);

        using var response = await client.GetAsync("/h2/check", gateway.Lifetime);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("api-0", await response.Content.ReadAsStringAsync(gateway.Lifetime));
        Assert.Equal("HTTP/2", Assert.Single(gateway.Backend("api").Requests).Protocol);
    }

    [SkippableFact]
    public async Task GrpcPolicy_UnaryCall_KeepsMessageStatusAndTrailers()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("grpc");
        using var client = TrafficClient.Create(gateway.BaseAddress, HttpVersion.Version20);

        using var ok = await CallAsync(client, "hello", gateway.Lifetime);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/grpc", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("api-0:hello", GrpcFrame.Decode(await ok.Content.ReadAsByteArrayAsync(gateway.Lifetime)));
        Assert.Equal("0", Trailer(ok, "grpc-status"));
        Assert.Equal("api-0", Trailer(ok, "x-served-by"));

        using var denied = await CallAsync(client, "fail", gateway.Lifetime);
        await denied.Content.ReadAsByteArrayAsync(gateway.Lifetime);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal("7", Trailer(denied, "grpc-status"));
        Assert.Equal("denied", Trailer(denied, "grpc-message"));

        var seen = gateway.Backend("api").Requests;
        Assert.Equal(2, seen.Count);
        Assert.All(seen, r => Assert.Equal(("POST", "/demo.v1.Greeter/SayHello", "HTTP/2"), (r.Method, r.Path, r.Protocol)));
    }

    [SkippableFact]
    public async Task HttpPolicy_WebSocketUpgrade_EchoesMessagesBothWays()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("websocket");
        using var socket = new ClientWebSocket();
        socket.Options.Proxy = null;

        await socket.ConnectAsync(new Uri($"ws://{gateway.Block.Proxy}:{TrafficGateway.ListenPort}/chat"), gateway.Lifetime);
        var replies = new List<string>();
        foreach (var text in new[] { "hi", "again" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, gateway.Lifetime);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, gateway.Lifetime);
            replies.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", gateway.Lifetime);

        Assert.Equal(["chat-0:hi", "chat-0:again"], replies);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [SkippableFact]
    public async Task TcpPolicy_ProxiesBytesBothWays()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("tcp");
        using var tcp = new TcpClient(AddressFamily.InterNetwork);

        await tcp.ConnectAsync(gateway.Listener, gateway.Lifetime);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await stream.WriteAsync(Encoding.UTF8.GetBytes("ping\nSELECT 1\n"), gateway.Lifetime);
        var first = await reader.ReadLineAsync(gateway.Lifetime);
        var second = await reader.ReadLineAsync(gateway.Lifetime);

        Assert.Equal("db-0:ping", first);
        Assert.Equal("db-0:SELECT 1", second);
        Assert.True(gateway.TcpBackend("db").Connections >= 1);
    }

    private static async Task<HttpResponseMessage> CallAsync(HttpClient client, string message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/demo.v1.Greeter/SayHello")
        {
            Content = new ByteArrayContent(GrpcFrame.Encode(message)),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    private static string? Trailer(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var v) ? v.Single()
        : response.Headers.TryGetValues(name, out var h) ? h.Single() : null;
}
