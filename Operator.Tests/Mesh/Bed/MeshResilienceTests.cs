using System.Diagnostics;
using System.Net;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>Splits, retries, timeouts and circuit breaking, decided by the client's sidecar on the meshed hop.</summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshResilienceTests(MeshBedFixture fixture)
{
    [SkippableFact]
    public async Task EightyTwentySplit_SendsAboutAFifthToV2()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("split.yaml")]);
        bed.ClearRequests();
        const int requests = 400;
        var http = bed.Pod("client").Http;
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests && clock.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            using var response = await http.GetAsync("http://checkout.shop.svc.cluster.local/split");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var version = response.Headers.GetValues(PodApp.VersionHeader).Single();
            versions[version] = versions.GetValueOrDefault(version) + 1;
        }

        var total = versions.Values.Sum();
        Assert.Equal(requests, total);
        // Binomial n=400, p=0.2: one standard deviation is 2 points; 0.20 ± 0.07 is 3.5 of them.
        var share = versions.GetValueOrDefault("v2") / (double)total;
        Assert.True(share is > 0.13 and < 0.27, $"v2 got {share:P1}: {string.Join(", ", versions)}");
        Assert.Equal(total, bed.App("checkout-v1").Hits("/split") + bed.App("checkout-v2").Hits("/split"));
    }

    [SkippableFact]
    public async Task Status503_GetIsRetriedTwice_PostIsNotReplayed()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("retries.yaml")]);
        bed.ClearRequests();
        var client = bed.Pod("client");

        var get = await client.CurlAsync("http://checkout/status/503");
        var post = await client.CurlAsync("http://checkout/status/503", extra: ["-X", "POST", "-d", "charge=1"]);

        Assert.True(get.Status == 503, get.ToString());
        Assert.True(post.Status == 503, post.ToString());
        var app = bed.App("checkout-v1");
        // retry.attempts 2: the first try and two retries, every one answered by the app.
        Assert.Equal(3, app.Hits("/status/503", "GET"));
        Assert.Equal(1, app.Hits("/status/503", "POST"));
    }

    [SkippableFact]
    public async Task RouteTimeout_AnswersGatewayTimeoutWithinTheBudget()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("timeout.yaml")]);
        bed.ClearRequests();
        var client = bed.Pod("client");

        var fast = await client.CurlAsync("http://checkout/delay/100");
        var slow = await client.CurlAsync("http://checkout/delay/5000", maxSeconds: 8);

        Assert.True(fast.Status == 200, fast.ToString());
        Assert.True(slow.Status == 504, slow.ToString());
        // A 1s budget; the bound leaves room for curl's process start on a busy machine.
        Assert.True(slow.Elapsed < TimeSpan.FromSeconds(2.5), slow.ToString());
        Assert.True(slow.Elapsed >= TimeSpan.FromSeconds(0.9), slow.ToString());
    }

    [SkippableFact]
    public async Task CircuitBreaker_BeyondConnectionsAndPending_FailsFastWith503()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("circuit-breaker.yaml")]);
        bed.ClearRequests();
        const int concurrent = 16;
        using var http = bed.Pod("client").CreateHttpClient(TimeSpan.FromSeconds(10));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, concurrent).Select(async i =>
        {
            await start.Task;
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"http://checkout.shop.svc.cluster.local/delay/1500?n={i}");
            return (Status: (int)response.StatusCode, clock.Elapsed);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(calls);

        var ok = results.Count(r => r.Status == 200);
        var rejected = results.Where(r => r.Status == 503).ToList();
        var summary = string.Join(", ", results.Select(r => $"{r.Status}@{r.Elapsed.TotalMilliseconds:0}ms"));
        // maxConnections 2 + maxPendingRequests 2: at most 4 are served (2 at once, 2 queued), the rest refused.
        Assert.True(ok is >= 2 and <= 4, summary);
        Assert.Equal(concurrent - ok, rejected.Count);
        Assert.All(rejected, r => Assert.True(r.Elapsed < TimeSpan.FromMilliseconds(1000), summary));
        var servers = (await bed.Pod("client").RequireSidecar().ServersAsync(CancellationToken.None)).Where(s => s.Address != "0.0.0.0");
        Assert.True(
            bed.App("checkout-v1").MaxInFlightFor("/delay/1500") <= 2,
            $"the app held {bed.App("checkout-v1").MaxInFlightFor("/delay/1500")} at once; {summary}; client sidecar servers with an address: {string.Join(", ", servers.Select(s => $"{s.Backend}/{s.Server}={s.Endpoint} op {s.OperationalState}"))}");
    }
}
