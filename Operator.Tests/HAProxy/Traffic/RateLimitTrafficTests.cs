using Junction.Tests.Infrastructure;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class RateLimitTrafficTests
{
    [SkippableFact]
    public async Task RequestsAboveFivePerSecond_Get429AndTheLimitRecovers()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("rate-limit");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        var burst = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            burst.Add((await client.SendAsync(HttpMethod.Get, "/search", ct: gateway.Lifetime)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, burst[0]);
        Assert.InRange(burst.Count(s => s == HttpStatusCode.OK), 5, 6);
        Assert.Equal(15 - burst.Count(s => s == HttpStatusCode.OK), burst.Count(s => s == (HttpStatusCode)429));
        Assert.Equal(burst.Count(s => s == HttpStatusCode.OK), gateway.Backend("api").Requests.Count);

        await Task.Delay(2200, gateway.Lifetime);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/search", ct: gateway.Lifetime)).Status);
    }
}
