using Junction.Tests.Infrastructure;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class RetryTrafficTests
{
    [SkippableFact]
    public async Task Get_BackendFailsOnceWith503_SucceedsOnRetry()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("retries");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var api = gateway.Backend("api");
        api.FailNext(1, 503);

        var (status, _) = await client.SendAsync(HttpMethod.Get, "/flaky/item", ct: gateway.Lifetime);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, api.Requests.Count);
    }

    [SkippableFact]
    public async Task Get_BackendResetsConnectionOnce_SucceedsOnRetry()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("retries");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var api = gateway.Backend("api");
        api.ResetNext(1);

        var (status, _) = await client.SendAsync(HttpMethod.Get, "/flaky/item", ct: gateway.Lifetime);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, api.Requests.Count);
    }

    [SkippableFact]
    public async Task Post_BackendFailsOnceWith503_IsNotReplayed()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("retries");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var api = gateway.Backend("api");
        api.FailNext(1, 503);

        var (status, _) = await client.SendAsync(HttpMethod.Post, "/flaky/item", ct: gateway.Lifetime);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var seen = Assert.Single(api.Requests);
        Assert.Equal("POST", seen.Method);
    }

    [SkippableFact]
    public async Task Get_OutsideTheRetryingRoute_503IsNotRetried()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("retries");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var api = gateway.Backend("api");
        api.FailNext(1, 503);

        var (status, _) = await client.SendAsync(HttpMethod.Get, "/other", ct: gateway.Lifetime);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Single(api.Requests);
    }

    [SkippableFact]
    public async Task Get_OneEndpointRefusesConnections_EveryRequestSucceedsOnTheOther()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("retries", new Dictionary<string, int> { ["api"] = 2 });
        using var client = TrafficClient.Create(gateway.BaseAddress);
        await gateway.Backend("api", 0).StopAsync();

        var results = await Load.GetManyAsync(client, "/other", 20, 1, gateway.Lifetime);

        Assert.All(results, r => Assert.Equal((HttpStatusCode.OK, "api-1"), r));
        Assert.Equal(20, gateway.Backend("api", 1).Requests.Count);
    }
}
