using Junction.Tests.Infrastructure;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class FilterTrafficTests
{
    [SkippableFact]
    public async Task HeaderModifiers_SetAddAndRemoveHeadersBothWays()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("filters");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/catalog");
        request.Headers.Add("x-debug", "1");
        request.Headers.Add("x-env", "dev");

        using var response = await client.SendAsync(request, gateway.Lifetime);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(gateway.Backend("web").Requests);
        Assert.Equal("prod", seen.Header("x-env"));
        Assert.Equal("yes", seen.Header("x-added"));
        Assert.Null(seen.Header("x-debug"));
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("strict-transport-security")));
        Assert.False(response.Headers.Contains(BackendServer.InternalHeader));
    }

    [SkippableFact]
    public async Task UrlRewrites_ReplaceThePrefixOrTheFullPathBeforeTheBackend()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("filters");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/legacy/items/7?x=1", ct: gateway.Lifetime)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/legacy", ct: gateway.Lifetime)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/ping", ct: gateway.Lifetime)).Status);

        var seen = gateway.Backend("web").Requests.Select(r => r.Path + r.Query).ToList();
        Assert.Equal(["/v1/items/7?x=1", "/v1", "/healthcheck/ping"], seen);
    }

    [SkippableFact]
    public async Task Redirect_AnswersWithoutTheBackend()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("filters");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/old-shop/cart");
        request.Headers.Host = "shop.example.com";

        using var response = await client.SendAsync(request, gateway.Lifetime);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("http://shop.example.com/shop/cart", response.Headers.Location?.ToString());
        Assert.Empty(gateway.Backend("web").Requests);
    }
}
