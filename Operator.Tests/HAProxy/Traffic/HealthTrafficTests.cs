using Junction.Tests.Infrastructure;
using System.Diagnostics;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class HealthTrafficTests
{
    [SkippableFact]
    public async Task EndpointFailingHealthChecks_IsTakenOutAndComesBackWhenHealthy()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("health", new Dictionary<string, int> { ["api"] = 2 });
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var sick = gateway.Backend("api", 0);

        sick.HealthStatus = 503;
        var down = await WaitUntilAsync(async () => !(await IsUpAsync(gateway, sick)), TimeSpan.FromSeconds(3), gateway.Lifetime);
        Assert.True(down, "api-0 was not taken out within 3s of failing its checks (interval 200ms, unhealthyThreshold 2)");
        var during = await Load.GetManyAsync(client, "/work", 20, 2, gateway.Lifetime);
        Assert.All(during, r => Assert.Equal((HttpStatusCode.OK, "api-1"), r));

        sick.HealthStatus = 200;
        var up = await WaitUntilAsync(() => IsUpAsync(gateway, sick), TimeSpan.FromSeconds(3), gateway.Lifetime);
        Assert.True(up, "api-0 did not come back within 3s of passing its checks again");
        var after = await Load.GetManyAsync(client, "/work", 20, 1, gateway.Lifetime);
        Assert.All(after, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(10, after.Count(r => r.Backend == "api-0"));
        // HAProxy starts a server at exactly 'rise' health, so its first failed check takes it out;
        // then healthyThreshold (2) passing ones bring it back.
        Assert.True(sick.HealthChecks >= 3, $"api-0 saw only {sick.HealthChecks} health checks");
    }

    [SkippableFact]
    public async Task EndpointAnsweringErrors_IsEjectedByOutlierDetectionAndReturnsAfterTheEjectionTime()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("outlier", new Dictionary<string, int> { ["api"] = 2 });
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var bad = gateway.Backend("api", 0);
        bad.AlwaysStatus = 500; // its health check keeps passing: only live traffic shows the errors

        var results = new List<(HttpStatusCode Status, string? Backend)>();
        var ejectedAt = new Stopwatch();
        for (var i = 0; i < 30; i++)
        {
            results.Add(await client.SendAsync(HttpMethod.Get, "/work", ct: gateway.Lifetime));
            if (results.Count(r => r.Status == HttpStatusCode.InternalServerError) == 3 && !ejectedAt.IsRunning)
            {
                ejectedAt.Start();
            }
        }

        var errors = results.Count(r => r.Status == HttpStatusCode.InternalServerError);
        Assert.InRange(errors, 3, 4); // consecutiveErrors: 3, then no more traffic to it
        Assert.Equal(30 - errors, results.Count(r => r.Status == HttpStatusCode.OK && r.Backend == "api-1"));
        Assert.False(await IsUpAsync(gateway, bad));

        bad.AlwaysStatus = 0;
        var back = await WaitUntilAsync(() => IsUpAsync(gateway, bad), TimeSpan.FromSeconds(4), gateway.Lifetime);
        Assert.True(back, "api-0 did not return within 4s");
        // Checks run on their own schedule, so the first one after the ejection may come at once;
        // the config asks for one more passing check than baseEjectionTime/interval to cover it.
        // The stopwatch starts only once the third error reached the client, after the ejection,
        // hence the small margin.
        Assert.True(ejectedAt.Elapsed >= TimeSpan.FromMilliseconds(950), $"api-0 returned {ejectedAt.Elapsed.TotalMilliseconds}ms after its third error, before baseEjectionTime 1s");
        var after = await Load.GetManyAsync(client, "/work", 10, 1, gateway.Lifetime);
        Assert.Contains(after, r => r.Backend == "api-0");
    }

    private static async Task<bool> IsUpAsync(TrafficGateway gateway, BackendServer backend)
    {
        var servers = await gateway.Proxy.ServersAsync(gateway.Lifetime);
        var mine = servers.Where(s => s.Address == backend.Endpoint.Address.ToString()).ToList();
        return mine.Count > 0 && mine.All(s => s.IsUp);
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, ct);
        }

        return false;
    }
}
