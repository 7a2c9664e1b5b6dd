using System.Diagnostics;
using System.Net;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// A per-caller rate limit, enforced by the caller's sidecar behind its internal hop: the limit is
/// keyed by the pod's own address, which an application cannot forge with the hop's header.
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshRateLimitTests(MeshBedFixture fixture)
{
    private const string HopHeader = "X-Junction-Client-Address";

    [SkippableFact]
    public async Task BurstBeyondTheLimit_IsRefusedWith429_EvenWithAForgedCallerAddress()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("rate-limit.yaml")]);
        // The sliding window of the previous test run must be empty before the burst.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        bed.ClearRequests();
        var http = bed.Pod("client").Http;
        var statuses = new List<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20 && clock.Elapsed < TimeSpan.FromSeconds(10); i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://checkout.shop.svc.cluster.local/limited");
            // Every request claims another caller; a limit keyed by this header would let all of them through.
            request.Headers.TryAddWithoutValidation(HopHeader, "10.99.0." + (i + 1));
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        var elapsed = clock.Elapsed;
        var passed = statuses.Count(s => s == HttpStatusCode.OK);
        var limited = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.Equal(statuses.Count, passed + limited);
        // Burst 5 in any second: 20 requests in under 2 s get at most 5 per started second through.
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"the burst took {elapsed.TotalMilliseconds:0} ms");
        Assert.True(passed is >= 5 and <= 10, $"{passed} passed, {limited} limited");

        var seen = bed.App("checkout-v1").Requests.Concat(bed.App("checkout-v2").Requests).Where(r => r.Path == "/limited").ToList();
        Assert.Equal(passed, seen.Count);
        // The hop's header never reaches the application, and the caller's address does.
        Assert.All(seen, r => Assert.False(r.Headers.ContainsKey(HopHeader), string.Join(", ", r.Headers.Keys)));
        Assert.All(seen, r => Assert.Equal(bed.Pod("client").Address.ToString(), r.Headers["X-Forwarded-For"]));
    }
}
