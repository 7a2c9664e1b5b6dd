using Junction.Tests.Infrastructure;
using System.Diagnostics;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.HAProxy.Traffic;

[Collection(SerialCollection.Name)]
public sealed class EndpointChurnTrafficTests
{
    [SkippableFact]
    public async Task EndpointsAddedAndRemovedInDns_MoveTrafficWithoutConfigChangeOrReload()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("churn");
        using var client = TrafficClient.Create(gateway.BaseAddress);
        var worker = await gateway.Proxy.WorkerPidAsync(gateway.Lifetime);
        var config = await File.ReadAllTextAsync(gateway.Proxy.ConfigPath, gateway.Lifetime);
        var first = gateway.Backend("api", 0);

        var added = await gateway.AddEndpointAsync("api");
        var reached = await SendUntilAsync(client, gateway, r => r.Backend == added.Name, TimeSpan.FromSeconds(8));
        Assert.True(reached.Done, $"no request reached the added endpoint within 8s: {reached.Summary}");

        await gateway.RemoveEndpointAsync("api", first);
        var gone = await SendUntilAsync(client, gateway, r => r.Backend == added.Name, TimeSpan.FromSeconds(15), consecutive: 20);
        Assert.True(gone.Done, $"traffic still reached the removed endpoint after 15s: {gone.Summary}");

        Assert.Empty(reached.Failures.Concat(gone.Failures));
        Assert.Equal(worker, await gateway.Proxy.WorkerPidAsync(gateway.Lifetime));
        Assert.Contains(" 0 [failed: 0]", await gateway.Proxy.MasterCommandAsync("show proc", gateway.Lifetime), StringComparison.Ordinal);
        Assert.Equal(config, await File.ReadAllTextAsync(gateway.Proxy.ConfigPath, gateway.Lifetime));
    }

    // Sends one request every 50ms until `consecutive` answers in a row satisfy the condition.
    private static async Task<(bool Done, List<string> Failures, string Summary)> SendUntilAsync(
        HttpClient client, TrafficGateway gateway, Func<(HttpStatusCode Status, string? Backend), bool> condition, TimeSpan limit, int consecutive = 1)
    {
        var failures = new List<string>();
        var counts = new Dictionary<string, int>();
        var streak = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var result = await client.SendAsync(HttpMethod.Get, "/churn", ct: gateway.Lifetime);
            if (result.Status != HttpStatusCode.OK)
            {
                failures.Add($"HTTP {(int)result.Status}");
            }

            counts[result.Backend ?? "none"] = counts.GetValueOrDefault(result.Backend ?? "none") + 1;
            streak = condition(result) ? streak + 1 : 0;
            if (streak >= consecutive)
            {
                return (true, failures, Summary(counts, clock));
            }

            await Task.Delay(50, gateway.Lifetime);
        }

        return (false, failures, Summary(counts, clock));
    }

    private static string Summary(Dictionary<string, int> counts, Stopwatch clock) =>
        $"after {clock.ElapsedMilliseconds}ms: " + string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"));
}
