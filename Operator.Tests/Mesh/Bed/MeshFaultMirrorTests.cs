using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// FaultInjection and RequestMirror decided by the client's sidecar (testdata/mesh/faults-mirror.yaml):
/// aborts never reach the app, delays hold the chosen share, copies reach checkout-v2 over the mesh
/// and never change the original's answer, also when the mirror cannot be reached.
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshFaultMirrorTests(MeshBedFixture fixture, ITestOutputHelper output)
{
    private const string Checkout = "http://checkout.shop.svc.cluster.local";
    private const string Frontend = "spiffe://cluster.local/ns/shop/sa/frontend";

    [SkippableFact]
    public async Task Abort30Percent_AbortsAboutThatShare_AndAbortedRequestsNeverReachTheApp()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("faults-mirror.yaml")]);
        bed.ClearRequests();
        const int requests = 300;
        var http = bed.Pod("client").Http;
        var aborted = 0;
        var passed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests && clock.Elapsed < TimeSpan.FromSeconds(60); i++)
        {
            using var response = await http.GetAsync($"{Checkout}/abort?n={i}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("fault injected", StringComparison.Ordinal))
            {
                aborted++;
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {i}: {(int)response.StatusCode} {body}");
                passed++;
            }
        }

        Assert.Equal(requests, aborted + passed);
        // Binomial n=300, p=0.3: one standard deviation is 2.6 points; 0.30 ± 0.09 is 3.4 of them.
        var share = aborted / (double)requests;
        output.WriteLine($"aborted {aborted} of {requests} ({share:P1}); app saw {bed.App("checkout-v1").Hits("/abort")}");
        Assert.True(share is > 0.21 and < 0.39, $"aborted {aborted} of {requests} ({share:P1})");
        // The abort is answered by the client's sidecar: only the passed requests reached the app.
        Assert.Equal(passed, bed.App("checkout-v1").Hits("/abort"));
        Assert.Equal(0, bed.App("checkout-v2").Hits("/abort"));
    }

    [SkippableFact]
    public async Task Delay300msFor40Percent_HoldsAboutThatShare_ByTheConfiguredDelay()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("faults-mirror.yaml")]);
        bed.ClearRequests();
        const int requests = 160;
        const int workers = 8;
        var http = bed.Pod("client").Http;
        var elapsed = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            for (var i = w; i < requests && clock.Elapsed < TimeSpan.FromSeconds(60); i += workers)
            {
                var one = Stopwatch.StartNew();
                using var response = await http.GetAsync($"{Checkout}/hold?n={i}");
                one.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                lock (elapsed)
                {
                    elapsed.Add(one.Elapsed);
                }
            }
        }));

        Assert.Equal(requests, elapsed.Count);
        // A delayed request takes at least the 300 ms the Lua action sleeps; an undelayed one a few ms.
        var held = elapsed.Where(e => e >= TimeSpan.FromMilliseconds(290)).OrderBy(e => e).ToList();
        var quick = elapsed.Where(e => e < TimeSpan.FromMilliseconds(290)).OrderBy(e => e).ToList();
        var share = held.Count / (double)requests;
        // Binomial n=160, p=0.4: one standard deviation is 3.9 points; 0.40 ± 0.13 is 3.3 of them.
        Assert.True(share is > 0.27 and < 0.53, $"held {held.Count} of {requests} ({share:P1})");
        var added = held[held.Count / 2] - quick[quick.Count / 2];
        output.WriteLine($"held {held.Count} of {requests} ({share:P1}); median held {held[held.Count / 2].TotalMilliseconds:0} ms, median quick {quick[quick.Count / 2].TotalMilliseconds:0} ms, added {added.TotalMilliseconds:0} ms, slowest {held[^1].TotalMilliseconds:0} ms");
        Assert.True(added >= TimeSpan.FromMilliseconds(270) && added <= TimeSpan.FromMilliseconds(400),
            $"median held {held[held.Count / 2].TotalMilliseconds:0} ms, median quick {quick[quick.Count / 2].TotalMilliseconds:0} ms");
        Assert.True(held[^1] < TimeSpan.FromMilliseconds(1000), $"slowest held {held[^1].TotalMilliseconds:0} ms");
        Assert.Equal(requests, bed.App("checkout-v1").Hits("/hold"));
    }

    [SkippableFact]
    public async Task Mirror_CopiesWithBodyReachTheMirrorOverTheMesh_OriginalsUnchanged()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("faults-mirror.yaml")]);
        bed.ClearRequests();
        const int requests = 40;
        var http = bed.Pod("client").Http;
        for (var i = 0; i < requests; i++)
        {
            using var content = new StringContent("order=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync($"{Checkout}/mirror/{i}", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("v1", response.Headers.GetValues(PodApp.VersionHeader).Single());
        }

        var mirror = bed.App("checkout-v2");
        var copies = await WaitForAsync(() => mirror.Requests.Count(r => r.Path.StartsWith("/mirror/", StringComparison.Ordinal)), requests, TimeSpan.FromSeconds(10));
        output.WriteLine($"{copies} of {requests} copies reached checkout-v2");
        Assert.Equal(requests, copies);
        foreach (var copy in mirror.Requests.Where(r => r.Path.StartsWith("/mirror/", StringComparison.Ordinal)))
        {
            var n = copy.Path["/mirror/".Length..];
            Assert.Equal("POST", copy.Method);
            Assert.Equal("order=" + n, copy.Body);
            // Over the mesh: checkout-v2's sidecar verified the client sidecar's certificate.
            Assert.Equal("URI=" + Frontend, copy.Header("X-Forwarded-Client-Cert"));
        }

        var originals = bed.App("checkout-v1").Requests.Where(r => r.Path.StartsWith("/mirror/", StringComparison.Ordinal)).ToList();
        Assert.Equal(requests, originals.Count);
        Assert.All(originals, o => Assert.Equal("order=" + o.Path["/mirror/".Length..], o.Body));
    }

    [SkippableFact]
    public async Task Mirror_WhenTheMirrorDropsEveryPacket_OriginalsStayFastAndOk()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("faults-mirror.yaml")]);
        bed.ClearRequests();
        var mirrorPod = bed.Pod("checkout-v2");
        // A black hole, not a refusal: the copy's connection hangs until its connect timeout.
        string[] rule = ["INPUT", "-p", "tcp", "--dport", "15006", "-j", "DROP"];
        var added = await mirrorPod.RunAsync(TimeSpan.FromSeconds(5), ["iptables", "-I", .. rule]);
        Assert.True(added.Succeeded, added.ToString());
        try
        {
            const int requests = 30;
            var http = bed.Pod("client").Http;
            var slowest = TimeSpan.Zero;
            for (var i = 0; i < requests; i++)
            {
                var one = Stopwatch.StartNew();
                using var content = new StringContent("order=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                using var response = await http.PostAsync($"{Checkout}/mirror/down-{i}", content);
                one.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("v1", response.Headers.GetValues(PodApp.VersionHeader).Single());
                slowest = one.Elapsed > slowest ? one.Elapsed : slowest;
            }

            output.WriteLine($"mirror black-holed: {requests} originals 200, slowest {slowest.TotalMilliseconds:0} ms");
            // The copy is fire-and-forget: a mirror that never answers adds nothing to the original.
            Assert.True(slowest < TimeSpan.FromMilliseconds(500), $"slowest original {slowest.TotalMilliseconds:0} ms");
            Assert.Equal(requests, bed.App("checkout-v1").Requests.Count(r => r.Path.StartsWith("/mirror/down-", StringComparison.Ordinal)));
            Assert.Equal(0, bed.App("checkout-v2").Requests.Count(r => r.Path.StartsWith("/mirror/down-", StringComparison.Ordinal)));
        }
        finally
        {
            var removed = await mirrorPod.RunAsync(TimeSpan.FromSeconds(5), ["iptables", "-D", .. rule]);
            Assert.True(removed.Succeeded, removed.ToString());
        }
    }

    private static async Task<int> WaitForAsync(Func<int> count, int expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (count() < expected && clock.Elapsed < limit)
        {
            await Task.Delay(50);
        }

        return count();
    }
}
