using Junction.Tests.Infrastructure;
using System.Globalization;
using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>
/// The proxy pod runs <c>haproxy -W -db -S /var/run/haproxy/master.sock -f /usr/local/etc/haproxy/haproxy.cfg</c>;
/// when the ConfigMap changes, the new file appears at the same path and <c>reload</c> is sent to
/// the master socket (see <see cref="HAProxyInstance.ReloadAsync"/>). These tests do exactly that,
/// under a bounded load loop, and count every request that did not get a 200.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ReloadTrafficTests
{
    [SkippableFact]
    public async Task TenReloadsUnderLoad_LoseNoRequestAndEachNewConfigTakesEffect()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("reload");
        using var load = TrafficClient.Create(gateway.BaseAddress, maxConnections: 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(gateway.Lifetime);
        var workers = new HashSet<int> { await gateway.Proxy.WorkerPidAsync(gateway.Lifetime) };

        var running = Load.RunUntilAsync(load, "/v/load", concurrency: 4, maxRequests: 100_000, maxTime: TimeSpan.FromSeconds(40), stop.Token);
        for (var generation = 1; generation <= 10; generation++)
        {
            await gateway.ReloadAsync(Edited(gateway.Policy, generation, "blue"));
            workers.Add(await gateway.Proxy.WorkerPidAsync(gateway.Lifetime));
            await AssertServedByNewConfigAsync(gateway, generation, "blue");
        }

        await Task.Delay(300, gateway.Lifetime);
        await stop.CancelAsync();
        var outcome = await running;

        AssertNoLoss(outcome, 10);
        Assert.Equal(11, workers.Count);
        Assert.Contains(" 10 [failed: 0]", await gateway.Proxy.MasterCommandAsync("show proc", gateway.Lifetime), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReloadUnderLoad_MovingARouteToAnotherService_LosesNoRequestAndMovesTheTraffic()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("reload");
        using var load = TrafficClient.Create(gateway.BaseAddress, maxConnections: 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(gateway.Lifetime);

        var running = Load.RunUntilAsync(load, "/v/load", concurrency: 4, maxRequests: 100_000, maxTime: TimeSpan.FromSeconds(20), stop.Token);
        await Task.Delay(300, gateway.Lifetime);
        await gateway.ReloadAsync(Edited(gateway.Policy, 1, "green"));
        await AssertServedByNewConfigAsync(gateway, 1, "green");
        await Task.Delay(500, gateway.Lifetime);
        await stop.CancelAsync();
        var outcome = await running;

        AssertNoLoss(outcome, 1);
        Assert.True(outcome.ByBackend.GetValueOrDefault("green-0") > 0, "the load's kept-alive connections never moved to the new config");
    }

    // A new connection reaches the new worker, which serves the new file. (A request on a
    // connection kept alive from before the reload is still answered by the old worker, which
    // then closes it: option idle-close-on-response is what makes the reload lossless.)
    private static async Task AssertServedByNewConfigAsync(TrafficGateway gateway, int generation, string service)
    {
        using var probe = TrafficClient.Create(gateway.BaseAddress);
        var path = $"/v/probe-{generation}";
        var (status, backend) = await probe.SendAsync(HttpMethod.Get, path, ct: gateway.Lifetime);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(service + "-0", backend);
        var seen = gateway.Backend(service).Requests.Single(r => r.Path == path);
        Assert.Equal(generation.ToString(CultureInfo.InvariantCulture), seen.Header("x-generation"));
    }

    private static void AssertNoLoss(LoadOutcome outcome, int reloads)
    {
        var failures = string.Join(", ", outcome.Failures.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"));
        Assert.True(outcome.Failures.Count == 0, $"{outcome.Failures.Count} of {outcome.Total} requests failed across {reloads} reload(s): {failures}");
        Assert.True(outcome.Total >= 100, $"only {outcome.Total} requests were sent during the reloads");
    }

    // The policy with route "version" sent to another Service and a new x-generation value.
    private static TrafficPolicy Edited(TrafficPolicy policy, int generation, string service)
    {
        var copy = k8s.KubernetesJson.Deserialize<TrafficPolicy>(k8s.KubernetesJson.Serialize(policy));
        var route = copy.Spec.Routes!.Single(r => r.Name == "version");
        route.BackendRefs = [new BackendRef { Name = service, Port = 80 }];
        route.Filters![0].RequestHeaderModifier!.Set![0].Value = generation.ToString(CultureInfo.InvariantCulture);
        return copy;
    }
}
