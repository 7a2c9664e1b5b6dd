using System.Diagnostics;
using System.Globalization;
using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Translation;
using k8s;
using k8s.Models;

namespace Junction.Benchmarks.Traffic;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- traffic</c>: throughput and latency (wrk, fixed
/// duration) straight to a backend, through the gateway config the translator generates (real
/// haproxy, endpoints from a local DNS server as in a cluster), and through nginx configured the
/// same way; reported as ratios to direct, with the haproxy worker's resident memory idle and
/// under load. Needs haproxy, nginx, dnsmasq and wrk on PATH.
/// </summary>
internal static class TrafficBench
{
    private const string Address = "127.77.0.";
    private const int ProxyPort = 8080;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var missing = new[] { "haproxy", "nginx", "dnsmasq", "wrk" }.Where(t => Tools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"traffic benchmark needs {string.Join(", ", missing)} on PATH");
            return 2;
        }

        var directory = Path.Combine(Path.GetTempPath(), "junction-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        using var lifetime = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = lifetime.Token;
        try
        {
            var backendListen = Address + "10:18080";
            using var backend = StartNginx(directory, "backend", NginxConfigs.Backend(directory, backendListen));
            using var nginx = StartNginx(directory, "proxy", NginxConfigs.Proxy(directory, Address + "3:" + ProxyPort, backendListen));
            using var dns = await DnsServer.StartAsync(IPAddress.Parse(Address + "1"), directory, "cluster.local", ct);
            var config = Translate(dns.Nameserver, out var discovery);
            await dns.SetAddressesAsync(discovery, [IPAddress.Parse(Address + "10")], ct);
            var gatewayListen = new IPEndPoint(IPAddress.Parse(Address + "2"), ProxyPort);
            using var haproxy = await HAProxyInstance.StartAsync(config, directory, [gatewayListen], ct);

            var targets = new (string Name, string Url)[]
            {
                ("direct", $"http://{backendListen}/items/1"),
                ("haproxy (generated)", $"http://{gatewayListen}/items/1"),
                ("nginx (equivalent)", $"http://{Address}3:{ProxyPort}/items/1"),
            };
            foreach (var (_, url) in targets)
            {
                await WaitOkAsync(url, ct);
            }

            var idleRss = await haproxy.WorkerRssKilobytesAsync(ct);
            var results = new List<(string Name, WrkResult Result, long? Rss)>();
            foreach (var (name, url) in targets)
            {
                var wrk = RunWrkAsync(url, seconds, directory, ct);
                long? rss = null;
                if (name.StartsWith("haproxy", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromSeconds(seconds / 2.0), ct);
                    rss = await haproxy.WorkerRssKilobytesAsync(ct);
                }

                results.Add((name, WrkResult.Parse(await wrk), rss));
            }

            Report(results, idleRss, seconds, config);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Translate(string nameserver, out string discovery)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Traffic", "gateway.yaml");
        var docs = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), new Dictionary<string, Type>
        {
            [TrafficPolicy.ApiVersionString + "/" + TrafficPolicy.KindName] = typeof(TrafficPolicy),
            ["v1/Service"] = typeof(V1Service),
        });
        var options = TranslatorOptions.Default with
        {
            BindAddress = Address + "2",
            ListenPort = ProxyPort,
            MetricsPort = 8404,
            DnsNameservers = [nameserver],
        };
        var context = new TranslationContext(docs.OfType<V1Service>().ToDictionary(s => s.Metadata.Name), new Dictionary<string, V1Secret>(), options);
        var result = PolicyTranslator.Translate(docs.OfType<TrafficPolicy>().Single(), context);
        discovery = result.Fragment.DefaultRoute.Backends[0].Target.Discovery.Name;
        return result.HAProxyConfig ?? throw new InvalidOperationException("the benchmark policy gave no gateway config");
    }

    private static ChildProcess StartNginx(string directory, string name, string config)
    {
        var path = Path.Combine(directory, $"nginx-{name}.conf");
        File.WriteAllText(path, config);
        return ChildProcess.Start(Tools.Require("nginx"), ["-c", path, "-p", directory], directory);
    }

    private static async Task WaitOkAsync(string url, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                using var response = await client.GetAsync(new Uri(url), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"{url} did not answer 200 within 15s");
    }

    private static async Task<string> RunWrkAsync(string url, int seconds, string directory, CancellationToken ct)
    {
        using var wrk = ChildProcess.Start(Tools.Require("wrk"), ["-t2", "-c32", $"-d{seconds}s", "--latency", url], directory);
        var clock = Stopwatch.StartNew();
        while (!wrk.HasExited && clock.Elapsed < TimeSpan.FromSeconds(seconds + 30))
        {
            await Task.Delay(100, ct);
        }

        await Task.Delay(100, ct); // the last output lines
        return string.Join('\n', wrk.Stdout);
    }

    private static void Report(List<(string Name, WrkResult Result, long? Rss)> results, long idleRss, int seconds, string config)
    {
        var direct = results[0].Result;
        Console.WriteLine($"traffic benchmark: wrk -t2 -c32 -d{seconds}s --latency, GET /items/1, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"target",-22} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"req/s vs direct",16} {"p50 vs direct",14} {"p99 vs direct",14}");
        foreach (var (name, r, _) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} {r.RequestsPerSecond,10:F0} {r.P50Ms,8:F3} {r.P99Ms,8:F3} {r.Errors,7} {r.RequestsPerSecond / direct.RequestsPerSecond,16:F2} {r.P50Ms / direct.P50Ms,14:F2} {r.P99Ms / direct.P99Ms,14:F2}"));
        }

        var haproxy = results.Single(r => r.Rss is not null);
        var nginx = results.Single(r => r.Name.StartsWith("nginx", StringComparison.Ordinal)).Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"haproxy vs nginx: req/s x{haproxy.Result.RequestsPerSecond / nginx.RequestsPerSecond:F2}, p50 x{haproxy.Result.P50Ms / nginx.P50Ms:F2}, p99 x{haproxy.Result.P99Ms / nginx.P99Ms:F2}"));
        Console.WriteLine($"haproxy worker RSS: idle {idleRss} kB, under load {haproxy.Rss} kB");
        Console.WriteLine($"generated config: {config.Split('\n').Length} lines");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT traffic haproxy_vs_nginx_rps={haproxy.Result.RequestsPerSecond / nginx.RequestsPerSecond:F2} haproxy_vs_nginx_p50={haproxy.Result.P50Ms / nginx.P50Ms:F2} haproxy_rss_kb={haproxy.Rss}"));
    }
}
