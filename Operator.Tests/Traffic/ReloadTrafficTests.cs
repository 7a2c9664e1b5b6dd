using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Tests.Traffic.Harness;
using Xunit;

namespace Junction.Tests.Traffic;

/// <summary>
/// The proxy pod runs <c>haproxy -W -db -S /var/run/haproxy/master.sock -f /usr/local/etc/haproxy/haproxy.cfg</c>;
/// when the ConfigMap changes, the new file appears at the same path and <c>reload</c> is sent to
/// the master socket. These tests do exactly that, under load.
/// </summary>
public sealed class ReloadTrafficTests
{
    [SkippableFact]
    public async Task TenReloadsUnderLoad_LoseNoRequestAndEachNewConfigTakesEffect()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("reload");
        using var load = TrafficClient.Create(gateway.BaseAddress, maxConnections: 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(gateway.Lifetime);
        var firstWorker = await gateway.Proxy.WorkerPidAsync(gateway.Lifetime);

        var running = Load.RunUntilAsync(load, "/v/load", concurrency: 4, maxRequests: 20_000, maxTime: TimeSpan.FromSeconds(40), stop.Token);
        var workers = new HashSet<int> { firstWorker };
        for (var generation = 1; generation <= 10; generation++)
        {
            var last = generation == 10;
            await gateway.ReloadAsync(Generation(gateway.Policy, generation, last ? "green" : "blue"));
            workers.Add(await gateway.Proxy.WorkerPidAsync(gateway.Lifetime));

            // A new connection reaches the new worker, which serves the new file. (A request on a
            // connection kept alive from before the reload is still answered by the old worker,
            // which then closes it: that is what makes the reload lossless.)
            using var probe = TrafficClient.Create(gateway.BaseAddress);
            var (status, backend) = await probe.SendAsync(HttpMethod.Get, $"/v/probe-{generation}", ct: gateway.Lifetime);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(last ? "green-0" : "blue-0", backend);
            var seen = gateway.Backend(last ? "green" : "blue").Requests.Single(r => r.Path == $"/v/probe-{generation}");
            Assert.Equal(generation.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.Header("x-generation"));
        }

        await Task.Delay(300, gateway.Lifetime);
        await stop.CancelAsync();
        var outcome = await running;

        Assert.True(outcome.Failures.Count == 0, $"{outcome.Failures.Count} of {outcome.Total} requests failed during 10 reloads: {string.Join(", ", outcome.Failures.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.True(outcome.ByBackend.GetValueOrDefault("green-0") > 0, "the load's kept-alive connections never moved to the last config");
        Assert.True(outcome.Total >= 200, $"only {outcome.Total} requests were sent during the reloads");
        Assert.Equal(11, workers.Count);
        var table = await gateway.Proxy.MasterCommandAsync("show proc", gateway.Lifetime);
        Assert.Contains(" 10 [failed: 0]", table, StringComparison.Ordinal);
    }

    private static TrafficPolicy Generation(TrafficPolicy policy, int generation, string service)
    {
        var copy = k8s.KubernetesJson.Deserialize<TrafficPolicy>(k8s.KubernetesJson.Serialize(policy));
        var route = copy.Spec.Routes!.Single(r => r.Name == "version");
        route.BackendRefs = [new BackendRef { Name = service, Port = 80 }];
        route.Filters![0].RequestHeaderModifier!.Set![0].Value = generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }
}
