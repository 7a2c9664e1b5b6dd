using Junction.Tests.Infrastructure;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed partial class ObservabilityTrafficTests
{
    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();

    [SkippableFact]
    public async Task EveryRequest_WritesExactlyOneAccessLogLineOnStdout()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("observability");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var paths = Enumerable.Range(0, 5).Select(i => $"/logged/{Guid.NewGuid():N}/{i}").ToList();

        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, path, ct: gateway.Lifetime)).Status);
        }

        var lines = await WaitForLinesAsync(gateway, l => l.Contains("/logged/", StringComparison.Ordinal), paths.Count);
        Assert.All(paths, p => Assert.Single(lines, l => l.Contains($"\"GET {p} HTTP/1.1\"", StringComparison.Ordinal)));
        Assert.Equal(paths.Count, lines.Count);
        Assert.All(lines, l => Assert.Contains(" 200 ", l, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task MetricsEndpoint_BackendCountersMatchTheTrafficSent()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("observability");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        gateway.Backend("api").FailNext(3, 500);

        var results = await Load.GetManyAsync(client, "/counted", 17, 3, gateway.Lifetime);
        Assert.Equal(3, results.Count(r => r.Status == HttpStatusCode.InternalServerError));

        using var metrics = TrafficClient.Create(gateway.MetricsAddress);
        var text = await metrics.GetStringAsync(gateway.MetricsAddress, gateway.Lifetime);
        var backend = DefaultBackend(gateway.Config);
        Assert.Equal(17, Metric(text, "haproxy_backend_http_requests_total", backend));
        Assert.Equal(14, Metric(text, "haproxy_backend_http_responses_total", backend, "code=\"2xx\""));
        Assert.Equal(3, Metric(text, "haproxy_backend_http_responses_total", backend, "code=\"5xx\""));
    }

    [SkippableFact]
    public async Task TraceParent_IsPropagatedWhenPresentAndGeneratedWhenAbsent()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("observability");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        const string incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        await client.SendAsync(HttpMethod.Get, "/traced", new Dictionary<string, string> { ["traceparent"] = incoming }, gateway.Lifetime);
        await client.SendAsync(HttpMethod.Get, "/untraced", ct: gateway.Lifetime);
        await client.SendAsync(HttpMethod.Get, "/untraced", ct: gateway.Lifetime);

        var seen = gateway.Backend("api").Requests;
        Assert.Equal(incoming, seen[0].Header("traceparent"));
        var generated = seen.Skip(1).Select(r => r.Header("traceparent")).ToList();
        Assert.All(generated, t => Assert.Matches(TraceParent(), t ?? "(absent)"));
        Assert.NotEqual(generated[0]![3..35], generated[1]![3..35]);
    }

    [SkippableFact]
    public async Task TraceParent_WithTenPercentSampling_IsGeneratedForEveryRequestAndMarkedSampledForSome()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("tracing-sampled");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        await Load.GetManyAsync(client, "/untraced", 200, 4, gateway.Lifetime);

        // W3C trace context: the sampling decision is the flags byte, not whether a context exists.
        var seen = gateway.Backend("api").Requests.Select(r => r.Header("traceparent")).ToList();
        Assert.Equal(200, seen.Count);
        var missing = seen.Count(t => t is null || !TraceParent().IsMatch(t));
        Assert.True(missing == 0, $"{missing} of 200 requests reached the backend without a valid traceparent");
        Assert.InRange(seen.Count(t => t!.EndsWith("-01", StringComparison.Ordinal)), 5, 40);
    }

    private static async Task<List<string>> WaitForLinesAsync(TrafficGateway gateway, Func<string, bool> match, int count)
    {
        for (var i = 0; i < 40; i++)
        {
            var lines = gateway.Proxy.Stdout.Where(match).ToList();
            if (lines.Count >= count)
            {
                await Task.Delay(200, gateway.Lifetime); // a duplicate would show up by now
                return gateway.Proxy.Stdout.Where(match).ToList();
            }

            await Task.Delay(50, gateway.Lifetime);
        }

        return gateway.Proxy.Stdout.Where(match).ToList();
    }

    private static string DefaultBackend(string config) =>
        config.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("default_backend ", StringComparison.Ordinal))["default_backend ".Length..];

    private static long Metric(string text, string name, string proxy, string? label = null)
    {
        var line = text.Split('\n').SingleOrDefault(l =>
            l.StartsWith(name + "{", StringComparison.Ordinal)
            && l.Contains($"proxy=\"{proxy}\"", StringComparison.Ordinal)
            && (label is null || l.Contains(label, StringComparison.Ordinal)));
        Assert.True(line is not null, $"no {name} for {proxy} {label} in:\n{text}");
        return long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
