using System.Diagnostics;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>
/// FaultInjection through the real haproxy: shares of aborted and delayed requests over a
/// bounded count, and the size of the delay. The draws are random in the proxy, so the bounds
/// are wide (more than 4 standard deviations of the binomial each side) yet far from 0% and 100%.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class FaultInjectionTrafficTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Abort_TwentyFivePercent_AbortsAQuarterOfFourHundredRequests()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("faults");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        var statuses = await SendAllAsync(client, 400, 16, i => "/abort/" + i, gateway.Lifetime);

        var aborted = statuses.Count(s => s.Status == HttpStatusCode.ServiceUnavailable);
        output.WriteLine($"aborted {aborted} of 400 (expected 100, bounds 60-140)");
        Assert.InRange(aborted, 60, 140);
        Assert.Equal(400, aborted + statuses.Count(s => s.Status == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s.Status == HttpStatusCode.ServiceUnavailable), s => Assert.Null(s.Backend));
        // Aborted requests never reach the backend; the others all do.
        Assert.Equal(400 - aborted, gateway.Backend("web").Requests.Count);
    }

    [SkippableFact]
    public async Task Delay_FiftyPercentOf300ms_HoldsHalfTheRequestsForTheDelay()
    {
        Skip.IfNot(TrafficGateway.ToolsInstalled, TrafficGateway.ToolsMissing);
        await using var gateway = await TrafficGateway.StartAsync("faults");
        using var client = TrafficClient.Create(gateway.BaseAddress);

        var results = await SendAllAsync(client, 200, 10, i => "/delay/" + i, gateway.Lifetime);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var delayed = results.Where(r => r.Elapsed >= TimeSpan.FromMilliseconds(290)).Select(r => r.Elapsed).Order().ToList();
        var prompt = results.Where(r => r.Elapsed < TimeSpan.FromMilliseconds(290)).Select(r => r.Elapsed).Order().ToList();
        output.WriteLine($"delayed {delayed.Count} of 200 (expected 100, bounds 65-135); delayed min {Ms(delayed[0])} median {Ms(delayed[delayed.Count / 2])} max {Ms(delayed[^1])}; others median {Ms(prompt[prompt.Count / 2])} max {Ms(prompt[^1])}");
        Assert.InRange(delayed.Count, 65, 135);
        // The delay is the configured 300ms: the typical held request takes 300ms plus the
        // ordinary round trip (a machine shared with builds stretches a few, hence the median),
        // and the typical request not picked is not held at all.
        Assert.InRange(delayed[delayed.Count / 2], TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(450));
        Assert.True(prompt[prompt.Count / 2] < TimeSpan.FromMilliseconds(100), $"requests not picked for the delay must not be held (median {Ms(prompt[prompt.Count / 2])})");
    }

    private static string Ms(TimeSpan t) => ((int)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";

    /// <summary>Sends <paramref name="count"/> GETs, <paramref name="parallel"/> at a time; each with its status, backend and duration.</summary>
    internal static async Task<List<(HttpStatusCode Status, string? Backend, TimeSpan Elapsed)>> SendAllAsync(HttpClient client, int count, int parallel, Func<int, string> path, CancellationToken ct)
    {
        var results = new (HttpStatusCode, string?, TimeSpan)[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            var clock = Stopwatch.StartNew();
            var (status, backend) = await client.SendAsync(HttpMethod.Get, path(i), ct: token);
            results[i] = (status, backend, clock.Elapsed);
        });
        return [.. results];
    }
}
