using Junction.Tests.Infrastructure;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class WeightedSplitTrafficTests
{
    [SkippableFact]
    public async Task ThousandRequests_At90To10_LandWithinFivePointsOfEachWeight()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("split");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        var results = await Load.GetManyAsync(client, "/orders", 1000, 8, gateway.Lifetime);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var stable = results.Count(r => r.Backend == "stable-0");
        var canary = results.Count(r => r.Backend == "canary-0");
        Assert.Equal(1000, stable + canary);
        Assert.InRange(stable, 850, 950);
        Assert.InRange(canary, 50, 150);
        Assert.Equal(stable, gateway.Backend("stable").Requests.Count);
        Assert.Equal(canary, gateway.Backend("canary").Requests.Count);
    }
}
