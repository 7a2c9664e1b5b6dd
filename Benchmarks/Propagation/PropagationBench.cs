using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Junction.Api.V1Alpha1;
using Junction.Cli;
using Junction.Hosting.Local;
using k8s;
using k8s.Models;

namespace Junction.Benchmarks.Propagation;

/// <summary>
/// Route propagation through real proxies: <c>junction run --local --proxies</c> in this process
/// (embedded API server, operator with agent delivery, one gateway replica as a real HAProxy +
/// junction-agent), two loopback backends. Each change adds a route (<c>/n&lt;i&gt;</c> to the second
/// backend) with one write of the TrafficPolicy; the time to traffic is from just before the write
/// to the first answer of the second backend on that path, polled every ~1 ms through the proxy;
/// the time to Ready is to the status that says the proxy runs the new generation (polled every
/// 5 ms). A steady client (one request every 2 ms on another route) counts failed requests over
/// all changes. The changes run at idle, then while other policies churn (each of 1,000
/// Ingress-only policies, i.e. 1,000 other routes, rewritten in turn as fast as the API takes it).
/// Last line: <c>RESULT propagation apply_to_traffic_p50_ms=.. apply_to_traffic_p99_ms=..
/// churn_p50_ms=.. apply_to_ready_p50_ms=.. lost_requests=..</c>.
/// </summary>
internal static partial class PropagationBench
{
    private const string Ns = "bench";
    private const string Policy = "bench";
    private static int churnWrites;

    public static async Task<int> RunAsync(string[] args)
    {
        var changes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var others = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var directory = Directory.CreateTempSubdirectory("junction-propagation-");
        var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        await using var a = await NamedBackend.StartAsync("a", new IPEndPoint(IPAddress.Parse("127.0.0.21"), 9101));
        await using var b = await NamedBackend.StartAsync("b", new IPEndPoint(IPAddress.Parse("127.0.0.22"), 9102));
        var printed = new LineCapture();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => new RunCommand().RunAsync(["--local", "--proxies", "--no-samples", "--kubeconfig", kubeconfig, "--workers", "8"], new CliConsole(TextReader.Null, printed, Console.Error), stop.Token));
        try
        {
            // The last line of the start-up: the CRD is installed and the operator's caches have synced.
            await Until(() => printed.Text.Contains("export KUBECONFIG=", StringComparison.Ordinal) || run.IsCompleted, TimeSpan.FromSeconds(180), "the local run starts");
            if (run.IsCompleted)
            {
                Console.Error.WriteLine("junction run --local --proxies stopped: exit " + await run);
                return 1;
            }

            // The embedded server's kubeconfig has an empty user, which KubernetesClient refuses; its address is all a client needs.
            var server = File.ReadAllLines(kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith("server: ", StringComparison.Ordinal))["server: ".Length..];
            using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server });
            await SetUpAsync(client, a, b);
            await Until(() => ListensOn().IsMatch(printed.Text), TimeSpan.FromSeconds(120), "the gateway replica starts");
            var gateway = new Uri("http://" + ListensOn().Match(printed.Text).Groups[1].Value + "/");
            Console.WriteLine("gateway replica: " + gateway);
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };
            await Until(() => Answer(http, new Uri(gateway, "/r0")).Result == "a", TimeSpan.FromSeconds(120), "the gateway answers /r0 from backend a");
            await WaitReadyAsync(client, Stopwatch.StartNew(), TimeSpan.FromSeconds(60));

            using var steady = new SteadyLoad(new Uri(gateway, "/r0"), "a", TimeSpan.FromMilliseconds(2));
            var idle = new List<(double Traffic, double Ready)>();
            for (var i = 0; i < changes; i++)
            {
                idle.Add(await ChangeAsync(client, http, gateway, i));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle  change {i,3}: traffic {idle[^1].Traffic,8:0.0} ms  ready {idle[^1].Ready,8:0.0} ms"));
            }

            Console.WriteLine($"creating {others} other (Ingress-only) policies to churn...");
            await CreateOthersAsync(client, others);
            using var churnStop = new CancellationTokenSource();
            var churn = ChurnAsync(client, others, churnStop.Token);
            var churned = new List<(double Traffic, double Ready)>();
            await Task.Delay(TimeSpan.FromSeconds(2));
            for (var i = changes; i < 2 * changes; i++)
            {
                churned.Add(await ChangeAsync(client, http, gateway, i));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"churn change {i,3}: traffic {churned[^1].Traffic,8:0.0} ms  ready {churned[^1].Ready,8:0.0} ms  ({Volatile.Read(ref churnWrites)} churn writes so far)"));
            }

            await churnStop.CancelAsync();
            var writes = await churn;
            await steady.StopAsync();
            var traffic = idle.Select(c => c.Traffic).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady load: {steady.Sent} requests, {steady.Failed} failed{(steady.Failed > 0 ? ": " + string.Join("; ", steady.FirstFailures) : "")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"churn: {writes} policy writes while measuring; idle ready p50 {Percentile(idle.Select(c => c.Ready), 50):0.0} ms, churn ready p50 {Percentile(churned.Select(c => c.Ready), 50):0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT propagation apply_to_traffic_p50_ms={Percentile(traffic, 50):0} apply_to_traffic_p99_ms={Percentile(traffic, 99):0} churn_p50_ms={Percentile(churned.Select(c => c.Traffic), 50):0} apply_to_ready_p50_ms={Percentile(idle.Select(c => c.Ready), 50):0} lost_requests={steady.Failed}"));
            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await run.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                // Stopped during its start-up, after a failure here: that failure is what counts.
            }

            directory.Delete(recursive: true);
        }
    }

    private static async Task SetUpAsync(Kubernetes client, NamedBackend a, NamedBackend b)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        foreach (var (name, backend) in new[] { ("checkout", a), ("checkout-v2", b) })
        {
            await client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service
                {
                    Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns, Annotations = new Dictionary<string, string> { [LocalEndpoints.Annotation] = backend.Endpoint.ToString() } },
                    // A named targetPort: the proxy finds each endpoint's own port by SRV, as for named container ports.
                    Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = "http" }] },
                },
                Ns);
        }

        var policy = new TrafficPolicy
        {
            Metadata = new V1ObjectMeta { Name = Policy, NamespaceProperty = Ns },
            Spec = new TrafficPolicySpec
            {
                TargetRef = new ServiceReference { Name = "checkout", Port = 8080 },
                Proxy = new ProxySpec { Mode = ProxyModes.Gateway, Replicas = 1 },
                Routes = [Route("r0", "/r0", "checkout")],
            },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(policy, TrafficPolicy.Group, TrafficPolicy.Version, Ns, TrafficPolicy.Plural);
    }

    private static Route Route(string name, string path, string service) => new()
    {
        Name = name,
        Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = path } }],
        BackendRefs = [new BackendRef { Name = service, Port = 8080 }],
    };

    // One write adds route /n<i> to backend b; before it, /n<i> falls through to the default (backend a).
    private static async Task<(double Traffic, double Ready)> ChangeAsync(Kubernetes client, HttpClient http, Uri gateway, int i)
    {
        var uri = new Uri(gateway, $"/n{i}");
        var policy = await Read(client, Policy);
        policy.Spec.Routes!.Add(Route($"n{i}", $"/n{i}", "checkout-v2"));
        var clock = Stopwatch.StartNew();
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(policy, TrafficPolicy.Group, TrafficPolicy.Version, Ns, TrafficPolicy.Plural, Policy);
        var ready = WaitReadyAsync(client, clock, TimeSpan.FromSeconds(120));
        var limit = TimeSpan.FromSeconds(120);
        double traffic;
        while (true)
        {
            var answer = await Answer(http, uri);
            if (answer == "b")
            {
                traffic = clock.Elapsed.TotalMilliseconds;
                break;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"/n{i} did not reach backend b within {limit}");
            }

            await Task.Delay(1);
        }

        return (traffic, await ready);
    }

    // Ready at the generation just written, with the proxy's ACK counted.
    private static async Task<double> WaitReadyAsync(Kubernetes client, Stopwatch clock, TimeSpan limit)
    {
        while (true)
        {
            var p = await Read(client, Policy);
            if (p.Status?.Proxy?.Current == 1 && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True" && c.ObservedGeneration == p.Metadata.Generation) == true)
            {
                return clock.Elapsed.TotalMilliseconds;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"policy not Ready within {limit}: {KubernetesJson.Serialize(p.Status)}");
            }

            await Task.Delay(5);
        }
    }

    private static async Task CreateOthersAsync(Kubernetes client, int count)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var name = Other(i);
            await client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns }, Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] } },
                Ns,
                cancellationToken: ct);
            var policy = new TrafficPolicy
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
                Spec = new TrafficPolicySpec
                {
                    TargetRef = new ServiceReference { Name = name, Port = 8080 },
                    Ingress = new IngressSpec { ClassName = "nginx", Hosts = [$"{name}.example.com"] },
                    Proxy = new ProxySpec { Mode = ProxyModes.None },
                    Routes = [Route("r", "/r", name)],
                },
            };
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(policy, TrafficPolicy.Group, TrafficPolicy.Version, Ns, TrafficPolicy.Plural, cancellationToken: ct);
        });
    }

    // Each other policy's route path is rewritten in turn, four writers at a time.
    private static async Task<int> ChurnAsync(Kubernetes client, int count, CancellationToken ct)
    {
        var next = -1;
        var writers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!ct.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                try
                {
                    var p = await Read(client, Other(i % count), ct);
                    p.Spec.Routes![0].Matches![0].Path!.Value = $"/r{i}";
                    await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(p, TrafficPolicy.Group, TrafficPolicy.Version, Ns, TrafficPolicy.Plural, p.Metadata.Name, cancellationToken: ct);
                    Interlocked.Increment(ref churnWrites);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                    // A conflict with the operator's status write: the next round rewrites it.
                }
            }
        }).ToList();
        await Task.WhenAll(writers);
        return Volatile.Read(ref churnWrites);
    }

    private static string Other(int i) => $"other-{i:D4}";

    private static Task<TrafficPolicy> Read(Kubernetes client, string name, CancellationToken ct = default) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<TrafficPolicy>(TrafficPolicy.Group, TrafficPolicy.Version, Ns, TrafficPolicy.Plural, name, ct);

    private static async Task<string?> Answer(HttpClient http, Uri uri)
    {
        try
        {
            using var r = await http.GetAsync(uri);
            return r.IsSuccessStatusCode ? await r.Content.ReadAsStringAsync() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    private static double Percentile(IEnumerable<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static async Task Until(Func<bool> done, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException(what + " within " + limit);
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"listens on [^;\n]*?(\d+\.\d+\.\d+\.\d+:8080)")]
    private static partial Regex ListensOn();
}
