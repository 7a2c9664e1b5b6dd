using Junction.Tests.Infrastructure;
using System.Diagnostics;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class TimeoutTrafficTests
{
    [SkippableFact]
    public async Task SlowBackend_OnRouteWith300msTimeout_Gets504AfterAbout300ms()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("timeouts");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        gateway.Backend("api").Delay = TimeSpan.FromMilliseconds(700);

        var clock = Stopwatch.StartNew();
        var (status, _) = await client.SendAsync(HttpMethod.Get, "/slow/report", ct: gateway.Lifetime);
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.InRange(elapsed.TotalMilliseconds, 280, 600);
    }

    [SkippableFact]
    public async Task SameDelay_OnOtherPaths_IsWithinThePolicyDefaultAndSucceeds()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("timeouts");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        gateway.Backend("api").Delay = TimeSpan.FromMilliseconds(700);

        var (status, _) = await client.SendAsync(HttpMethod.Get, "/report", ct: gateway.Lifetime);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [SkippableFact]
    public async Task SlowerBackend_OnOtherPaths_Gets504AfterThePolicyDefaultOf1s()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("timeouts");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        gateway.Backend("api").Delay = TimeSpan.FromMilliseconds(1800);

        var clock = Stopwatch.StartNew();
        var (status, _) = await client.SendAsync(HttpMethod.Get, "/report", ct: gateway.Lifetime);
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.InRange(elapsed.TotalMilliseconds, 950, 1400);
    }

    [SkippableFact]
    public async Task SlowBackend_RequestTimeout1sWithTriesAddingUpTo1600ms_Gets504Within1300msAndNoTryAfterIt()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("deadline");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var api = gateway.Backend("api");
        api.Delay = TimeSpan.FromMilliseconds(700);

        var clock = Stopwatch.StartNew();
        var (status, _) = await client.SendAsync(HttpMethod.Get, "/budget/report", ct: gateway.Lifetime);
        var elapsed = clock.Elapsed;
        var hitsAtAnswer = api.Requests.Count;
        await Task.Delay(TimeSpan.FromSeconds(1), gateway.Lifetime);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.InRange(elapsed.TotalMilliseconds, 950, 1300);
        // Tries start at 0, 400 and 800ms; the fourth would start at 1.2s, after the deadline.
        Assert.InRange(hitsAtAnswer, 2, 3);
        Assert.Equal(hitsAtAnswer, api.Requests.Count);
    }

    [SkippableFact]
    public async Task BackendFailsTwiceWith503_BehindTheDeadline_SucceedsOnTheThirdTry()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("deadline");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var api = gateway.Backend("api");
        api.FailNext(2, 503);

        var (status, body) = await client.SendAsync(HttpMethod.Get, "/budget/item", ct: gateway.Lifetime);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("api-0", body);
        Assert.Equal(3, api.Requests.Count);
    }
}
