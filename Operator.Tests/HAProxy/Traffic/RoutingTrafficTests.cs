using Junction.Tests.Infrastructure;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class RoutingTrafficTests
{
    // method, path, header, value, Service expected to answer
    private static readonly (string Method, string Path, string? Header, string? Value, string Service)[] Cases =
    [
        ("GET", "/exact", null, null, "exact"),
        ("GET", "/exact/more", null, null, "web"),
        ("POST", "/api/orders", null, null, "writer"),
        ("POST", "/api", null, null, "writer"),
        ("GET", "/api/orders", null, null, "web"),
        ("POST", "/apiary", null, null, "web"),
        ("GET", "/anything", "x-tier", "gold", "gold"),
        ("GET", "/anything", "x-tier", "silver", "web"),
        ("GET", "/anything", "x-user", "admin-42", "gold"),
        ("GET", "/anything", "x-user", "admin-x", "web"),
        ("GET", "/search?version=2&q=a", null, null, "v2"),
        ("GET", "/search?version=20", null, null, "web"),
        ("GET", "/items/17", null, null, "items"),
        ("GET", "/items/17/reviews", null, null, "web"),
    ];

    [SkippableFact]
    public async Task Requests_MatchingEachRoute_ReachThatRoutesBackendAndTheRestReachTheDefault()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("routing");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        var wrong = new List<string>();
        foreach (var c in Cases)
        {
            var headers = c.Header is null ? null : new Dictionary<string, string> { [c.Header] = c.Value! };
            var (status, backend) = await client.SendAsync(new HttpMethod(c.Method), c.Path, headers, gateway.Lifetime);
            if (status != HttpStatusCode.OK || backend != c.Service + "-0")
            {
                wrong.Add($"{c.Method} {c.Path} {c.Header}:{c.Value} -> {(int)status} from {backend ?? "no backend"}, expected {c.Service}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + gateway.Config);
        foreach (var service in Cases.Select(c => c.Service).Distinct())
        {
            var expected = Cases.Where(c => c.Service == service).Select(c => $"{c.Method} {c.Path.Split('?')[0]}");
            var seen = gateway.Backend(service).Requests.Select(r => $"{r.Method} {r.Path}");
            Assert.Equal(expected, seen);
        }
    }
}
