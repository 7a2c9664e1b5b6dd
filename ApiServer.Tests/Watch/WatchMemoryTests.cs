using System.Diagnostics;
using System.Net;
using Xunit;
using Xunit.Abstractions;

namespace Junction.ApiServer.Tests.Watch;

/// <summary>Hostile load measured on this process's own resident memory (server and clients both live here).</summary>
[Collection(SerialCollection.Name)]
public sealed class WatchMemoryTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task AliasBomb_RefusedInUnderOneSecondWithUnder50MiBOfMemory()
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions());
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var bomb = HostileBodies.AliasBomb();
        Assert.InRange(bomb.Length, 300, 500);
        using (await Post(http, "api/v1/namespaces/default/configmaps", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warm\n"))
        {
        }

        var before = Rss();
        var clock = Stopwatch.StartNew();
        using var response = await Post(http, "api/v1/namespaces/default/configmaps", bomb);
        var elapsed = clock.Elapsed;
        var growth = Rss() - before;
        output.WriteLine($"RESULT alias-bomb bytes={bomb.Length} status={(int)response.StatusCode} ms={elapsed.TotalMilliseconds:0} rss_growth_mib={growth / MiB}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("excessive aliasing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"refusing took {elapsed}");
        Assert.True(growth < 50 * MiB, $"RSS grew by {growth / MiB} MiB");
    }

    [Fact]
    public async Task HundredIdleWatchersOfA20MiBObject_StayUnder500MiBAndReleaseItAfterTheyClose()
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { MaxRequestBodyBytes = 32 * MiB, MaxConfigMapBytes = 32 * (int)MiB });
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using (var created = await http.PostAsync("api/v1/namespaces/default/configmaps", new StringContent(BigConfigMap(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var baseline = Collected();
        var watches = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                watches.Add(await http.GetAsync("api/v1/namespaces/default/configmaps?watch=true", HttpCompletionOption.ResponseHeadersRead));
            }

            // Each stream has started sending the object (its serialisation exists) and then stalls, because
            // nothing reads further: measured after that, not after a guessed delay on a busy machine.
            await Task.WhenAll(watches.Select(StartOfObject)).WaitAsync(TimeSpan.FromSeconds(60));
            // What the watchers hold, not garbage a busy machine has not collected yet: both are
            // printed, the bound is on what stays after a collection.
            var raw = Rss();
            var open = Collected();
            output.WriteLine($"RESULT idle-watchers count=100 object_mib=20 baseline_mib={baseline / MiB} open_mib={open / MiB} open_uncollected_mib={raw / MiB}");
            Assert.All(watches, w => Assert.Equal(HttpStatusCode.OK, w.StatusCode));
            Assert.True(open < 500 * MiB, $"RSS with 100 idle watchers is {open / MiB} MiB (baseline {baseline / MiB} MiB)");
            // One shared 20 MiB serialisation plus each stream's transport buffers; five copies of the object
            // (a per-watcher serialisation racing the others) would already exceed it.
            Assert.True(open - baseline < 100 * MiB, $"100 idle watchers took {(open - baseline) / MiB} MiB");
        }
        finally
        {
            foreach (var watch in watches)
            {
                watch.Dispose();
            }
        }

        var released = long.MaxValue;
        for (var attempt = 0; attempt < 20 && released > baseline + (50 * MiB); attempt++)
        {
            await Task.Delay(500);
            released = Collected();
        }

        output.WriteLine($"RESULT idle-watchers-closed baseline_mib={baseline / MiB} after_mib={released / MiB}");
        Assert.True(released < baseline + (50 * MiB), $"RSS after the watchers closed is {released / MiB} MiB (baseline {baseline / MiB} MiB)");
    }

    [Fact]
    public async Task WatcherThatStopsReading_IsDroppedOnceItsBufferIsFull()
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { MaxRequestBodyBytes = 32 * MiB, MaxConfigMapBytes = 32 * (int)MiB, WatchBufferSize = 10 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var rv = server.ResourceVersion;
        using var watch = await http.GetAsync($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead);

        // An object larger than the socket buffers stalls the stream; then more events than the buffer holds arrive.
        var big = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"k":"{{{new string('x', 16 * (int)MiB)}}}"}}""";
        using (await http.PostAsync("api/v1/namespaces/default/configmaps", new StringContent(big, System.Text.Encoding.UTF8, "application/json")))
        {
        }

        for (var i = 0; i < 20; i++)
        {
            using var created = await Post(http, "api/v1/namespaces/default/configmaps", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n{i}\n");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The stream ends (cleanly or cut) instead of holding 21 events for a reader that is not there.
        var ended = Task.Run(async () =>
        {
            try
            {
                await using var body = await watch.Content.ReadAsStreamAsync();
                await body.CopyToAsync(Stream.Null);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
            }
        });
        await ended.WaitAsync(TimeSpan.FromSeconds(20));

        using var after = await http.GetAsync("api/v1/namespaces/default/configmaps?limit=1");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>A ConfigMap of 20 MiB, built without the test keeping a copy that would count as the server's.</summary>
    private static string BigConfigMap() =>
        $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"k":"{{{new string('x', 20 * (int)MiB)}}}"}}""";

    /// <summary>Reads until the stream has begun the ADDED event's object, then leaves the rest unread.</summary>
    private static async Task StartOfObject(HttpResponseMessage watch)
    {
        var stream = await watch.Content.ReadAsStreamAsync();
        var start = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\""u8.ToArray();
        var seen = new byte[start.Length];
        var read = 0;
        while (read < seen.Length)
        {
            var n = await stream.ReadAsync(seen.AsMemory(read));
            Assert.True(n > 0, "the watch ended before it sent the object");
            read += n;
        }

        Assert.Equal(start, seen);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string yaml) =>
        http.PostAsync(path, new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));

    /// <summary>RSS after a full compacting collection, so that garbage not yet collected does not count.</summary>
    private static long Collected()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return Rss();
    }

    private static long Rss()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
