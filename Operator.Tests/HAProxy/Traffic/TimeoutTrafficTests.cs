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
}
