using System.Net.Sockets;
using System.Text;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Infrastructure;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>
/// spec.authorization at the gateway through the real haproxy: allowed method and path get
/// through, others get 403, and path tricks ("..", "//", "./", percent-encoded dots and
/// separators) are normalised or refused before the check. Requests go over a raw socket,
/// because HttpClient would normalise the tricks away before sending them.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class AuthorizationTrafficTests
{
    [SkippableTheory]
    [InlineData("GET", "/public/a", 200)]
    [InlineData("GET", "/public/", 200)]
    [InlineData("POST", "/orders", 200)]
    [InlineData("GET", "/private", 403)]
    [InlineData("POST", "/public/a", 403)]
    [InlineData("GET", "/orders", 403)]
    [InlineData("POST", "/orders/1", 403)]
    [InlineData("GET", "/public", 403)]
    [InlineData("GET", "/admin/x", 403)]
    [InlineData("GET", "/public/../private", 403)]
    [InlineData("GET", "/public/a/../../private", 403)]
    [InlineData("GET", "/public/%2e%2e/private", 403)]
    [InlineData("GET", "/public/%2E%2E/private", 403)]
    [InlineData("GET", "//private", 403)]
    [InlineData("GET", "/public/..%2fprivate", 400)]
    [InlineData("GET", "/public/..%5Cprivate", 400)]
    [InlineData("GET", "/public/..\\private", 400)]
    [InlineData("POST", "//orders", 200)]
    [InlineData("POST", "/x/../orders", 200)]
    public async Task Request_MethodAndPath_GetsTheStatusOfTheRules(string method, string path, int expected)
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("authorization");

        var status = await RawStatusAsync(gateway, method, path);

        Assert.Equal(expected, status);
        Assert.Equal(expected == 200 ? 1 : 0, gateway.Backend("web").Requests.Count);
    }

    [SkippableFact]
    public async Task AllowedRequest_ReachesTheBackendWithTheNormalisedPath()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("authorization");

        Assert.Equal(200, await RawStatusAsync(gateway, "GET", "/public/./x//y/%7Ez/../w?q=1"));

        var seen = Assert.Single(gateway.Backend("web").Requests);
        Assert.Equal("/public/x/y/w", seen.Path);
        Assert.Equal("?q=1", seen.Query);
    }

    // One HTTP/1.1 request exactly as written; returns the status code of the answer.
    private static async Task<int> RawStatusAsync(TrafficGateway gateway, string method, string path)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(gateway.Listener, gateway.Lifetime);
        var stream = socket.GetStream();
        var body = method == "POST" ? "x=1" : "";
        var request = $"{method} {path} HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\nContent-Length: {body.Length}\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), gateway.Lifetime);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var line = await reader.ReadLineAsync(gateway.Lifetime) ?? "";
        var parts = line.Split(' ');
        return parts.Length >= 2 && int.TryParse(parts[1], out var code) ? code : throw new InvalidOperationException($"no status line in \"{line}\"");
    }
}
