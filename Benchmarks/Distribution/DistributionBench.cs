using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Ir;
using Junction.Mesh.Identity;
using Junction.Runtime.Metrics;
using Junction.Translation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junction.Benchmarks.Distribution;

/// <summary>
/// The proxy API's memory with N connected proxies: this process runs the API (real Kestrel,
/// HTTPS, the operator's code from token review to long-poll) with one rendered gateway bundle
/// per proxy; a child process runs N simulated agents (one HttpClient and connection each,
/// loopback) that fetch their bundle, report it and then hold a long-poll. The figures are this
/// process's growth from before the bundles were published to all N polls held.
/// Last line: <c>RESULT distribution proxies=N rss_growth_mib=.. heap_growth_mib=..</c>.
/// </summary>
internal static class DistributionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var time = TimeProvider.System;
        using var ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        var proxies = new BenchProxies();
        var metrics = new DistributionMetrics(new MetricsRegistry());
        var ledger = new BundleLedger();
        var propagation = new PropagationTracker(ledger, metrics, time);
        var store = new BundleStore(propagation, time);
        using var registry = new ProxyRegistry(ledger, metrics, propagation, time);
        var options = new ProxyApiOptions { BindAddress = "127.0.0.1:0" };
        var parts = new ProxyApiParts(
            new CachingTokenReviewer(proxies, time),
            new ProxyAuthorizer(proxies),
            new IdentityRateLimiter(time),
            store,
            new SidecarBundles(store, proxies, new SidecarBundleOptions(), time, NullLogger<SidecarBundles>.Instance),
            ledger,
            registry,
            proxies,
            () => ca,
            () => ca.RootCertificatePem,
            () => true);
        var api = new ProxyApi(parts, options, metrics, time, NullLogger<ProxyApi>.Instance);
        using var certificate = new ServingCertificate(() => ca, [], [IPAddress.Loopback], time, NullLogger<ServingCertificate>.Instance);
        certificate.Renew();
        await using var server = new ProxyApiServer(api, certificate, options, NullLogger<ProxyApiServer>.Instance);
        await server.StartAsync(CancellationToken.None);

        var (rss0, heap0) = Measure();
        var gateways = new GatewayBundles(store);
        long bundleBytes = 0;
        for (var i = 0; i < count; i++)
        {
            var (hash, files) = Render(i);
            bundleBytes += files.Sum(f => f.Value.Length);
            gateways.Publish(new PolicyGeneration(BenchProxies.Namespace, "p" + i.ToString(CultureInfo.InvariantCulture), 1), BenchProxies.Deployment(i), hash, files);
        }

        var caFile = Path.Combine(Path.GetTempPath(), $"junction-distribution-bench-{Environment.ProcessId}.pem");
        await File.WriteAllTextAsync(caFile, ca.RootCertificatePem);
        using var clients = StartClients(server.Uri!, count, caFile);
        try
        {
            var clock = Stopwatch.StartNew();
            while (api.HeldPolls < count)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(3) || clients.HasExited)
                {
                    throw new InvalidOperationException($"only {api.HeldPolls.ToString(CultureInfo.InvariantCulture)} of {count.ToString(CultureInfo.InvariantCulture)} polls held after {clock.Elapsed.TotalSeconds:F0} s");
                }

                await Task.Delay(100);
            }

            Console.WriteLine($"{count} proxies connected and holding long-polls after {clock.Elapsed.TotalSeconds:F1} s; {registry.For(new ProxyKey(ProxyKind.Gateway, BenchProxies.Namespace, BenchProxies.Deployment(0))).Live.Count} report(s) for proxy 0");
            var (rss1, heap1) = Measure();
            var rssGrowth = (rss1 - rss0) / 1048576.0;
            var heapGrowth = (heap1 - heap0) / 1048576.0;
            Console.WriteLine($"bundles: {count} of {bundleBytes / 1024.0 / count:F1} KiB on average ({bundleBytes / 1048576.0:F1} MiB of text)");
            Console.WriteLine($"operator side: RSS {rss0 / 1048576.0:F1} -> {rss1 / 1048576.0:F1} MiB, managed heap {heap0 / 1048576.0:F1} -> {heap1 / 1048576.0:F1} MiB");
            Console.WriteLine($"per proxy: RSS {rssGrowth * 1024 / count:F1} KiB, heap {heapGrowth * 1024 / count:F1} KiB");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT distribution proxies={count} rss_growth_mib={rssGrowth:F1} heap_growth_mib={heapGrowth:F1}"));
            return 0;
        }
        finally
        {
            clients.Kill(entireProcessTree: true);
            await clients.WaitForExitAsync();
            File.Delete(caFile);
        }
    }

    /// <summary>The child: N agents that fetch, report and then hold long-polls until killed.</summary>
    public static async Task<int> RunClientsAsync(string[] args)
    {
        var baseUri = new Uri(args[0]);
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        using var root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(args[2]));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var agents = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            agents.Add(AgentAsync(baseUri, root, i, stop.Token));
            // Agents of a real cluster do not all connect within the same millisecond.
            await Task.Delay(TimeSpan.FromMilliseconds(2));
        }

        await Task.WhenAll(agents);
        return 0;
    }

    private static async Task AgentAsync(Uri baseUri, X509Certificate2 root, int i, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(root, certificate, errors) },
        };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchProxies.Token(i));
        var proxy = $"gateway/{BenchProxies.Namespace}/{BenchProxies.Deployment(i)}";
        var instance = BenchProxies.Pod(i);
        var have = "";
        while (!ct.IsCancellationRequested)
        {
            try
            {
                have = await PollOnceAsync(client, proxy, instance, have, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                // An agent retries with a pause, as the real one does; the first few failures are shown.
                if (Interlocked.Increment(ref failures) <= 5)
                {
                    await Console.Error.WriteLineAsync($"agent {i.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
                }

                await Task.Delay(1000, CancellationToken.None);
            }
        }
    }

    private static async Task<string> PollOnceAsync(HttpClient client, string proxy, string instance, string have, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri($"/v1/config?proxy={proxy}&instance={instance}&have={have}&wait=30", UriKind.Relative), ct);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var hash = body.RootElement.GetProperty("hash").GetString()!;
            using var status = await client.PostAsync(
                new Uri("/v1/status", UriKind.Relative),
                new StringContent(JsonSerializer.Serialize(new { proxy, instance, running = hash, attempted = hash, error = (string?)null }), System.Text.Encoding.UTF8, "application/json"),
                ct);
            return hash;
        }

        if (response.StatusCode != HttpStatusCode.NotModified)
        {
            await Console.Error.WriteLineAsync($"{proxy}: HTTP {(int)response.StatusCode}");
            await Task.Delay(1000, ct);
        }

        return have;
    }

    private static int failures;

    private static bool Trusted(X509Certificate2 root, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    // A gateway policy with two routes and a canary split, rendered as the reconciler renders it.
    private static (string Hash, IReadOnlyDictionary<string, string> Files) Render(int i)
    {
        var name = "p" + i.ToString(CultureInfo.InvariantCulture);
        var policy = new TrafficPolicy
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = BenchProxies.Namespace, Generation = 1 },
            Spec = new TrafficPolicySpec
            {
                TargetRef = new ServiceReference { Name = name, Port = 8080 },
                Routes =
                [
                    new Route
                    {
                        Name = "canary",
                        Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = "/api" } }],
                        BackendRefs = [new BackendRef { Name = name, Port = 8080, Weight = 90 }, new BackendRef { Name = name + "-v2", Port = 8080, Weight = 10 }],
                    },
                ],
            },
        };
        var result = PolicyTranslator.Translate(policy, new TranslationContext(new Dictionary<string, V1Service>(), new Dictionary<string, V1Secret>(), TranslatorOptions.Default, AssumeMissingServices: true));
        var configMap = result.Objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == ChildNames.Proxy(name));
        return (result.ConfigHash!, configMap.Data.AsReadOnly());
    }

    private static (long Rss, long Heap) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static Process StartClients(Uri baseUri, int count, string caFile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(DistributionBench).Assembly.Location, "distribution-clients", baseUri.ToString(), count.ToString(CultureInfo.InvariantCulture), caFile })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("clients: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
