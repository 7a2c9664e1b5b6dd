using Junction.Tests.Infrastructure;
using System.Diagnostics;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class CircuitBreakerTrafficTests
{
    [SkippableFact]
    public async Task RequestsBeyondMaxConnectionsPlusPending_Get503Within50ms()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("circuit-breaker");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        gateway.Backend("api").Delay = TimeSpan.FromMilliseconds(1500);

        // maxConnections 1 + maxPendingRequests 1: these two are admitted (one runs, one waits).
        var admitted = Enumerable.Range(0, 2).Select(i => client.SendAsync(HttpMethod.Get, $"/admitted/{i}", ct: gateway.Lifetime)).ToList();
        await WaitInFlightAsync(gateway, 2);

        var rejected = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            var clock = Stopwatch.StartNew();
            var (status, _) = await client.SendAsync(HttpMethod.Get, $"/rejected/{i}", ct: gateway.Lifetime);
            return (status, clock.Elapsed);
        }));

        Assert.All(rejected, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.status);
            Assert.InRange(r.Elapsed.TotalMilliseconds, 0, 50);
        });
        Assert.All(await Task.WhenAll(admitted), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.DoesNotContain(gateway.Backend("api").Requests, r => r.Path.StartsWith("/rejected", StringComparison.Ordinal));
    }

    // One request is at the backend and one queued in the proxy: the queue is only visible
    // through the proxy, so wait for the first at the backend and give the second a moment.
    private static async Task WaitInFlightAsync(TrafficGateway gateway, int count)
    {
        var clock = Stopwatch.StartNew();
        while (gateway.Backend("api").Requests.Count < 1 && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(10, gateway.Lifetime);
        }

        Assert.Single(gateway.Backend("api").Requests);
        await Task.Delay(100 * (count - 1), gateway.Lifetime);
    }
}
