using System.Diagnostics;
using System.Net;
using System.Text;
using Junction.Ir;
using Junction.Testing;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>
/// RequestMirror through the real haproxy: the shadow Service receives copies (method, path,
/// headers, body, Host with -shadow), bodies above the bound are not copied, and the original's
/// status and latency do not change when the mirror is slow or gone.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MirrorTrafficTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Mirror_CopiesMethodPathHeadersAndBody_ToTheShadowService()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("faults");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Get })
        {
            using var request = new HttpRequestMessage(method, "/mirror/items?id=7");
            request.Headers.Host = "shop.example.com";
            request.Headers.Add("x-trace", method.Method);
            request.Headers.Add("x-junction-mirror-method", "DELETE");
            if (method != HttpMethod.Get)
            {
                request.Content = new StringContent("body of " + method.Method, Encoding.UTF8, "text/plain");
            }

            using var response = await client.SendAsync(request, gateway.Lifetime);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("web-0", Assert.Single(response.Headers.GetValues(BackendServer.NameHeader)));
        }

        var shadow = gateway.Backend("shadow");
        await Eventually.True(() => shadow.Requests.Count == 4, "the shadow Service receives a copy of each of the 4 requests");
        foreach (var method in new[] { "POST", "PUT", "PATCH", "GET" })
        {
            var copy = Assert.Single(shadow.Requests, r => r.Header("x-trace") == method);
            Assert.Equal(method, copy.Method);
            Assert.Equal("/mirror/items", copy.Path);
            Assert.Equal("?id=7", copy.Query);
            Assert.Equal("shop.example.com-shadow", copy.Header("host"));
            Assert.Equal(method == "GET" ? "" : "body of " + method, copy.Body);
            Assert.Null(copy.Header("x-junction-mirror-method"));
        }

        // The original is forwarded unchanged, body included.
        var original = Assert.Single(gateway.Backend("web").Requests, r => r.Method == "POST");
        Assert.Equal("body of POST", original.Body);
        Assert.Equal("shop.example.com", original.Header("host"));
    }

    [SkippableFact]
    public async Task Mirror_BodyAboveTheBound_OriginalForwardedAndNoCopySent()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("faults");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var atBound = new string('a', MirrorRule.BodyLimit);
        var above = new string('b', MirrorRule.BodyLimit + 1);
        var large = new string('c', 64 * 1024);

        foreach (var (body, name) in new[] { (atBound, "at"), (above, "above"), (large, "large") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mirror/upload?size=" + name) { Content = new StringContent(body) };
            using var response = await client.SendAsync(request, gateway.Lifetime);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var shadow = gateway.Backend("shadow");
        await Eventually.True(() => shadow.Requests.Count >= 1, "the copy of the body at the bound arrives");
        // Later copies would have been sent right after; give them time to show up if they exist.
        await Task.Delay(500, gateway.Lifetime);
        var copy = Assert.Single(shadow.Requests);
        Assert.Equal("?size=at", copy.Query);
        Assert.Equal(atBound, copy.Body);
        var originals = gateway.Backend("web").Requests.ToDictionary(r => r.Query, r => r.Body.Length);
        Assert.Equal(MirrorRule.BodyLimit, originals["?size=at"]);
        Assert.Equal(MirrorRule.BodyLimit + 1, originals["?size=above"]);
        Assert.Equal(64 * 1024, originals["?size=large"]);
    }

    [SkippableFact]
    public async Task Mirror_SlowOrDown_OriginalStatusAndLatencyUnaffected()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("faults");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var shadow = gateway.Backend("shadow");

        // Baseline: the same route while the mirror answers at once.
        var healthy = await FaultInjectionTrafficTests.SendAllAsync(client, 100, 4, i => "/mirror/a/" + i, gateway.Lifetime);
        await Eventually.True(() => shadow.Requests.Count == 100, "every request of the baseline is copied");

        // A mirror that takes 3s per copy: the originals must not wait for it.
        shadow.Delay = TimeSpan.FromSeconds(3);
        var slow = await FaultInjectionTrafficTests.SendAllAsync(client, 100, 4, i => "/mirror/b/" + i, gateway.Lifetime);
        await Eventually.True(() => shadow.Requests.Count == 200, "copies still reach the slow mirror");

        // A mirror that is gone: connections are refused, the originals must not fail.
        await shadow.StopAsync();
        var down = await FaultInjectionTrafficTests.SendAllAsync(client, 100, 4, i => "/mirror/c/" + i, gateway.Lifetime);

        foreach (var (name, results) in new[] { ("healthy", healthy), ("slow", slow), ("down", down) })
        {
            var ms = results.Select(r => r.Elapsed.TotalMilliseconds).Order().ToList();
            output.WriteLine($"mirror {name}: 100 requests, statuses {string.Join(",", results.GroupBy(r => (int)r.Status).Select(g => g.Key + "x" + g.Count()))}, p50 {ms[49]:F1}ms p99 {ms[98]:F1}ms max {ms[99]:F1}ms");
            Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.All(results, r => Assert.Equal("web-0", r.Backend));
            // Far below the mirror's 3s: a copy never holds the original back.
            Assert.True(ms[99] < 1000, $"with the mirror {name}, the slowest original took {ms[99]:F0}ms");
        }

        Assert.Equal(300, gateway.Backend("web").Requests.Count);
    }
}
