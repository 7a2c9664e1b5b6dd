using System.Diagnostics;
using System.Globalization;
using Junction.Benchmarks.Traffic;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Mesh.Bed;

namespace Junction.Benchmarks.Mesh;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- mesh [seconds]</c>: what a client+server sidecar
/// pair with mTLS adds, on the network-namespace bed the mesh tests use (real capture rules, real
/// sidecars from <c>render --sidecar</c>). The same app answers both paths: directly (un-meshed pod
/// to un-meshed pod, by pod IP) and meshed (client pod → its sidecar → mTLS → the server's sidecar →
/// app). At a fixed 1,000 req/s (open loop: latency counted from each request's scheduled start,
/// as wrk2 does) it reports p50/p90/p99 of both and the difference; at full speed (wrk -t2 -c32
/// inside the client pods) the throughput ratio; and the client sidecar's PSS (master + workers,
/// /proc/&lt;pid&gt;/smaps_rollup) under that load. Needs root (network namespaces), haproxy, dnsmasq, wrk.
/// </summary>
internal static class MeshBench
{
    private const int Rate = 1000;
    private const string DirectUrl = "http://10.77.0.21:8080/items/1";
    private const string MeshUrl = "http://server.bench.svc.cluster.local/items/1";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        if (await MeshBed.UnavailableAsync() is { } reason)
        {
            Console.Error.WriteLine("mesh benchmark: " + reason);
            return 2;
        }

        if (Tools.Find("wrk") is null)
        {
            Console.Error.WriteLine("mesh benchmark needs wrk on PATH");
            return 2;
        }

        using var lifetime = new CancellationTokenSource(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(seconds * 6));
        var ct = lifetime.Token;
        var directory = Path.Combine(AppContext.BaseDirectory, "Mesh");
        await using var bed = await MeshBed.StartAsync(
            new MeshBedOptions { WorkloadsFile = Path.Combine(directory, "workloads.yaml"), PolicyFiles = [Path.Combine(directory, "policy.yaml")] },
            ct);
        var client = bed.Pod("client");
        var plain = bed.Pod("plain-client");
        // A bounded pool, as wrk2's fixed connections: requests beyond it wait, and that wait counts.
        using var meshHttp = client.CreateHttpClient(TimeSpan.FromSeconds(5), maxConnectionsPerServer: 16);
        using var directHttp = plain.CreateHttpClient(TimeSpan.FromSeconds(5), maxConnectionsPerServer: 16);
        await ExpectOkAsync(directHttp, DirectUrl, ct);
        await ExpectOkAsync(meshHttp, MeshUrl, ct);

        // Warm both paths (JIT, connection pools, TLS sessions) before measuring.
        await FixedRateAsync(directHttp, DirectUrl, TimeSpan.FromSeconds(2), ct);
        await FixedRateAsync(meshHttp, MeshUrl, TimeSpan.FromSeconds(2), ct);
        var direct = await FixedRateAsync(directHttp, DirectUrl, TimeSpan.FromSeconds(seconds), ct);
        var mesh = await FixedRateAsync(meshHttp, MeshUrl, TimeSpan.FromSeconds(seconds), ct);

        var directWrk = WrkResult.Parse(await WrkAsync(plain, DirectUrl, seconds, ct));
        var sidecar = client.RequireSidecar();
        var server = bed.Pod("server").RequireSidecar();
        var idlePss = Pss(sidecar.MasterPid);
        var meshRun = WrkAsync(client, MeshUrl, seconds, ct);
        long loadedPss = 0;
        long serverPss = 0;
        for (var sample = 0; sample < 3; sample++)
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds / 4.0), ct);
            loadedPss = Math.Max(loadedPss, Pss(sidecar.MasterPid));
            serverPss = Math.Max(serverPss, Pss(server.MasterPid));
        }

        var meshWrk = WrkResult.Parse(await meshRun);

        Console.WriteLine($"mesh benchmark: {Environment.ProcessorCount} cores, GET /items/1, HAProxy sidecars with mTLS (Strict) on a network-namespace bed");
        Console.WriteLine($"fixed {Rate} req/s for {seconds}s (open loop, in-process HttpClient, latency from the scheduled start):");
        Console.WriteLine($"  direct  n={direct.Count} errors={direct.Errors} p50={direct.P(50):0}us p90={direct.P(90):0}us p99={direct.P(99):0}us achieved={direct.Achieved:0} req/s");
        Console.WriteLine($"  mesh    n={mesh.Count} errors={mesh.Errors} p50={mesh.P(50):0}us p90={mesh.P(90):0}us p99={mesh.P(99):0}us achieved={mesh.Achieved:0} req/s");
        Console.WriteLine($"full speed (wrk -t2 -c32 -d{seconds}s inside the client pods):");
        Console.WriteLine($"  direct  {directWrk.RequestsPerSecond:0} req/s p50={directWrk.P50Ms:0.000}ms p99={directWrk.P99Ms:0.000}ms errors={directWrk.Errors}");
        Console.WriteLine($"  mesh    {meshWrk.RequestsPerSecond:0} req/s p50={meshWrk.P50Ms:0.000}ms p99={meshWrk.P99Ms:0.000}ms errors={meshWrk.Errors}");
        Console.WriteLine($"client sidecar PSS (master + workers): idle {idlePss} kB, under full-speed load {loadedPss} kB; server sidecar under load {serverPss} kB");
        var ratio = meshWrk.RequestsPerSecond / directWrk.RequestsPerSecond;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT mesh added_p50_us={Math.Round(mesh.P(50) - direct.P(50))} added_p90_us={Math.Round(mesh.P(90) - direct.P(90))} added_p99_us={Math.Round(mesh.P(99) - direct.P(99))} throughput_ratio={ratio:0.000} sidecar_pss_kb={loadedPss}"));
        return direct.Errors + mesh.Errors + directWrk.Errors + meshWrk.Errors == 0 ? 0 : 1;
    }

    private static async Task ExpectOkAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>
    /// Sends <see cref="Rate"/> requests per second for <paramref name="duration"/>, each at its own
    /// scheduled time whether or not earlier ones finished; a request's latency runs from when it was due.
    /// </summary>
    private static async Task<LatencySample> FixedRateAsync(HttpClient http, string url, TimeSpan duration, CancellationToken ct)
    {
        var total = (int)(Rate * duration.TotalSeconds);
        var latencies = new double[total];
        var errors = 0;
        var tasks = new Task[total];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromTicks(i * TimeSpan.TicksPerSecond / Rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }

            var index = i;
            tasks[i] = Task.Run(
                async () =>
                {
                    try
                    {
                        using var response = await http.GetAsync(url, ct);
                        await response.Content.ReadAsByteArrayAsync(ct);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    latencies[index] = (clock.Elapsed - due).TotalMicroseconds;
                },
                ct);
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        return new LatencySample(latencies, errors, total / elapsed.TotalSeconds);
    }

    private static async Task<string> WrkAsync(MeshPod pod, string url, int seconds, CancellationToken ct)
    {
        var result = await pod.RunAsync(TimeSpan.FromSeconds(seconds + 30), ["wrk", "-t2", "-c32", $"-d{seconds}s", "--latency", url], ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"wrk in {pod.Name}: {result}");
        }

        return result.Stdout;
    }

    /// <summary>Proportional set size of a process and its children (HAProxy's master and workers), in kB.</summary>
    private static long Pss(int master)
    {
        var pids = new List<int> { master };
        foreach (var stat in Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                // "pid (comm) state ppid ...": comm may contain spaces, so split after its closing parenthesis.
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == master)
                {
                    pids.Add(int.Parse(text[..text.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // Not a process, or gone meanwhile.
            }
        }

        return pids.Sum(pid =>
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        });
    }
}
