using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Api.V1Alpha1;
using Junction.ApiServer;
using Junction.Hosting;
using Junction.Reconciliation;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junction.Benchmarks.Reconciliation;

/// <summary>
/// The operator converging N policies against the same-work floor, in one run, each on a fresh embedded
/// server with the same parallelism. The floor is a bare client performing exactly the writes the
/// policies need and nothing else: each policy's create, each child's create (the children the operator
/// really wrote for a converged sample of each shape) and one status write. Writes are counted by the
/// server. The operator runs in its own process, so its memory is measured without the server's.
/// At the largest size it also measures the apply → Programmed latency of one policy while the others
/// exist: <see cref="LatencyChanges"/> spec changes one after another, each timed until the policy's
/// Programmed condition names the new generation.
/// Usage: reconcile [1000 10000 | --sizes 1000,10000 (empty: idle only)] [--gateway-every 10] [--parallelism 8]
///                  [--timeout 900] [--operator-env NAME=VALUE,...]
/// </summary>
internal static class ReconcileBench
{
    private const string Namespace = "bench";
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(60);
    private const int LatencyChanges = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        // Sizes as leading numbers (reconcile 1000 10000) or as --sizes 1000,10000.
        var positional = args.TakeWhile(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)).ToList();
        var sizes = (positional.Count > 0 ? string.Join(',', positional) : StringArg(args, "--sizes", "1000,10000"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var gatewayEvery = IntArg(args, "--gateway-every", 10);
        var parallelism = IntArg(args, "--parallelism", 8);
        var timeout = TimeSpan.FromSeconds(IntArg(args, "--timeout", 900));
        var environment = StringArg(args, "--operator-env", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        Console.WriteLine($"Policies: 1 in {gatewayEvery} runs a gateway, the others an Ingress only; parallelism {parallelism} (operator workers and floor client alike).");
        if (environment.Count > 0)
        {
            Console.WriteLine($"Operator environment: {string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"))}");
        }

        var samples = sizes.Length > 0 ? await SampleAsync(gatewayEvery) : [];
        foreach (var sample in samples.Distinct())
        {
            Console.WriteLine($"sample {sample.Name}: {sample.Children.Count} children ({string.Join(", ", sample.Children.Select(c => c.CollectionPath.Split('/')[^1]))}), so {sample.Children.Count + 2} writes with its create and status");
        }

        var idle = await IdleAsync(environment);
        Console.WriteLine($"idle: operator with no policies: RSS {idle.Rss / 1e6:F0} MB, managed heap {idle.Heap / 1e6:F0} MB");

        var results = new List<SizeResult>();
        var largest = sizes.Length > 0 ? sizes.Max() : 0;
        foreach (var n in sizes)
        {
            var (floor, floorWrites) = await FloorAsync(n, gatewayEvery, parallelism, samples);
            Console.WriteLine($"floor {n}: {floorWrites} writes by a bare client in {floor.TotalSeconds:F2} s ({floorWrites / floor.TotalSeconds:F0} writes/s)");
            var result = await ConvergeAsync(n, gatewayEvery, parallelism, timeout, environment, latency: n == largest) with { Floor = floor, FloorWrites = floorWrites };
            Console.WriteLine($"converge {n}: Programmed in {result.Converge.TotalSeconds:F2} s, {result.Ratio:F2}x the floor; {result.Writes} writes ({result.StatusWrites} status, {result.EventWrites} Event); operator RSS {result.RssBytes / 1e6:F0} MB, managed heap {result.HeapBytes / 1e6:F0} MB");
            results.Add(result);
        }

        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT reconcile policies={r.Policies} ratio={r.Ratio:F2} writes_per_policy={(double)r.Writes / r.Policies:F2} events_per_policy={(double)r.EventWrites / r.Policies:F2} rss_mb={r.RssBytes / 1e6:F0} heap_mb={r.HeapBytes / 1e6:F0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT idle rss_mb={idle.Rss / 1e6:F0}"));
        if (results.FirstOrDefault(r => r.Policies == largest)?.Latencies is { Count: > 0 } latencies)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT latency programmed_p50_ms={Percentile(latencies, 0.50):F0} programmed_p99_ms={Percentile(latencies, 0.99):F0}"));
        }

        return 0;
    }

    /// <summary>
    /// Lets the operator (in process, on a server of its own) converge one policy of each shape and reads
    /// back what it created; index i of the result is the sample for policy i modulo 2 shapes.
    /// </summary>
    private static async Task<PolicySample[]> SampleAsync(int gatewayEvery)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions());
        using var http = Http(server);
        await PrepareAsync(http, 2);
        using var operatorClient = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString().TrimEnd('/') });
        var host = new OperatorHost(new OperatorOptions { Workers = 1, MetricsBindAddress = "0", HealthProbeBindAddress = "0" }, operatorClient, NullLoggerFactory.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        await host.CachesSynced;
        var gateway = Name(0);
        var plain = Name(gatewayEvery > 1 ? 1 : 0);
        await CreatePolicyAsync(http, 0, gatewayEvery);
        if (plain != gateway)
        {
            await CreatePolicyAsync(http, 1, gatewayEvery);
        }

        var watch = Stopwatch.StartNew();
        var found = new Dictionary<string, PolicySample>();
        while (found.Count < (plain == gateway ? 1 : 2))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The sample policies were not Programmed within 60 s.");
            }

            await Task.Delay(200);
            foreach (var name in new[] { gateway, plain }.Where(n => !found.ContainsKey(n)))
            {
                var policy = KubernetesJson.Deserialize<TrafficPolicy>(await http.GetStringAsync(ObjectPath(name)));
                if (IsProgrammed(policy))
                {
                    found[name] = await SampleOfAsync(http, policy);
                }
            }
        }

        await stop.CancelAsync();
        await run;
        return [found[gateway], found[plain]];
    }

    private static async Task<PolicySample> SampleOfAsync(HttpClient http, TrafficPolicy policy)
    {
        var uid = policy.Metadata.Uid;
        var children = new List<(string, string)>();
        foreach (var kind in ChildKind.All)
        {
            var path = kind.Type.CollectionPath(Namespace);
            var list = JsonNode.Parse(await http.GetStringAsync(path))!;
            foreach (var item in list["items"]!.AsArray().OfType<JsonObject>())
            {
                if (item["metadata"]?["ownerReferences"]?.AsArray().Any(r => (string?)r?["uid"] == uid) != true)
                {
                    continue;
                }

                var metadata = item["metadata"]!.AsObject();
                foreach (var serverSet in new[] { "uid", "resourceVersion", "creationTimestamp", "managedFields", "generation" })
                {
                    metadata.Remove(serverSet);
                }

                item.Remove("status");
                if (item["spec"] is JsonObject spec && kind == ChildKind.Service)
                {
                    // Allocated by the server; a create carrying them would collide with the sample's.
                    spec.Remove("clusterIP");
                    spec.Remove("clusterIPs");
                }

                children.Add((path, item.ToJsonString()));
            }
        }

        var status = KubernetesJson.Serialize(policy.Status);
        return new PolicySample(policy.Metadata.Name, uid, children, status);
    }

    private static async Task<(double Rss, double Heap)> IdleAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions());
        using var http = Http(server);
        await PrepareAsync(http, 0);
        await using var process = OperatorProcess.Start(Kubeconfig(server), 1, environment);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(10));
        return await process.MemoryAsync();
    }

    private static async Task<(TimeSpan Took, int Writes)> FloorAsync(int count, int gatewayEvery, int parallelism, PolicySample[] samples)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { HistoryLimit = 200_000 });
        using var http = Http(server);
        await PrepareAsync(http, count);
        server.Requests.Reset();
        var watch = Stopwatch.StartNew();
        await ForEachAsync(count, parallelism, async i =>
        {
            var created = await CreatePolicyAsync(http, i, gatewayEvery);
            var sample = samples[i % gatewayEvery == 0 ? 0 : 1];
            foreach (var (path, json) in sample.ChildrenFor(Name(i), (string)created["metadata"]!["uid"]!))
            {
                await SendAsync(http, HttpMethod.Post, path, json);
            }

            created["status"] = sample.StatusFor(Name(i));
            await SendAsync(http, HttpMethod.Put, ObjectPath(Name(i)) + "/status", created.ToJsonString());
        });
        var took = watch.Elapsed;
        return (took, server.Requests.Writes);
    }

    private static async Task<SizeResult> ConvergeAsync(int count, int gatewayEvery, int parallelism, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, bool latency)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { HistoryLimit = 200_000 });
        using var http = Http(server);
        await PrepareAsync(http, count);
        await using var process = OperatorProcess.Start(Kubeconfig(server), parallelism, environment);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(120));
        await WaitQuietAsync(server);
        server.Requests.Reset();

        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString().TrimEnd('/') });
        var programmed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new ProgrammedProbe(Name(1));
        void See(TrafficPolicy policy)
        {
            probe.See(policy);
            if (IsProgrammed(policy) && programmed.TryAdd(policy.Metadata.Name, true) && programmed.Count >= count)
            {
                all.TrySetResult();
            }
        }

        var informer = SharedInformers.Create<TrafficPolicy>(client, new InformerOptions { Namespace = Namespace }, TimeProvider.System, new MetricsRegistry(), NullLoggerFactory.Instance);
        informer.AddEventHandler(new ResourceEventHandler<TrafficPolicy> { OnAdd = (p, _) => See(p), OnUpdate = (_, p) => See(p) });
        using var stopInformer = new CancellationTokenSource();
        var informing = informer.RunAsync(stopInformer.Token);
        await informer.Synced;

        var watch = Stopwatch.StartNew();
        await ForEachAsync(count, parallelism, i => CreatePolicyAsync(http, i, gatewayEvery));
        using (var progress = new Timer(_ => Console.WriteLine($"  {watch.Elapsed.TotalSeconds:F0} s: {programmed.Count}/{count} Programmed"), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)))
        {
            await all.Task.WaitAsync(timeout);
        }

        var took = watch.Elapsed;
        // Writes that follow Programmed (Ready, Events) are the operator's work too: count until it is quiet.
        await WaitQuietAsync(server);
        var requests = server.Requests;
        var writes = requests.Writes;
        var eventWrites = requests.Count("create", "events") + requests.Count("patch", "events");
        var statusWrites = requests.Count("update", "trafficpolicies/status") + requests.Count("patch", "trafficpolicies/status");
        var (rss, heap) = await process.MemoryAsync();
        var latencies = latency ? await LatencyAsync(http, probe, count) : [];
        await stopInformer.CancelAsync();
        await informing;
        return new SizeResult(
            count,
            TimeSpan.Zero,
            0,
            took,
            writes,
            eventWrites,
            statusWrites,
            rss,
            heap)
        {
            Latencies = latencies,
        };
    }

    /// <summary>
    /// Changes one policy's spec (its Ingress host) <see cref="LatencyChanges"/> times, one after another,
    /// and times each from the write until the policy is Programmed at the new generation.
    /// </summary>
    private static async Task<List<double>> LatencyAsync(HttpClient http, ProgrammedProbe probe, int count)
    {
        var latencies = new List<double>(LatencyChanges);
        for (var k = 0; k < LatencyChanges; k++)
        {
            var patch = "{\"spec\":{\"ingress\":{\"hosts\":[\"" + probe.Name + "-" + k.ToString(CultureInfo.InvariantCulture) + ".example.com\"]}}}";
            var watch = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Patch, ObjectPath(probe.Name)) { Content = new StringContent(patch, Encoding.UTF8, new MediaTypeHeaderValue("application/merge-patch+json")) };
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var generation = (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["metadata"]!["generation"]!;
            await probe.WaitAsync(generation, TimeSpan.FromSeconds(60));
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency: {LatencyChanges} changes of {probe.Name} among {count} policies: Programmed after p50 {Percentile(latencies, 0.5):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies.Max():F0} ms"));
        return latencies;
    }

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task WaitQuietAsync(InMemoryApiServer server)
    {
        var limit = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var writes = server.Requests.Writes;
        while (quiet.Elapsed < QuietFor && limit.Elapsed < QuietLimit)
        {
            await Task.Delay(250);
            var now = server.Requests.Writes;
            if (now != writes)
            {
                writes = now;
                quiet.Restart();
            }
        }
    }

    private static bool IsProgrammed(TrafficPolicy policy) =>
        policy.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Programmed && c.Status == "True" && c.ObservedGeneration == policy.Metadata.Generation) == true;

    /// <summary>The CRD, the namespace and <paramref name="services"/> backend Services: the same for every run, never timed.</summary>
    private static async Task PrepareAsync(HttpClient http, int services)
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Crds.CrdGenerator.Generate());
        await SendAsync(http, HttpMethod.Post, "apis/apiextensions.k8s.io/v1/customresourcedefinitions", KubernetesJson.Serialize(crd));
        await SendAsync(http, HttpMethod.Post, "api/v1/namespaces", KubernetesJson.Serialize(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Namespace } }));
        await ForEachAsync(services, 16, i => SendAsync(http, HttpMethod.Post, $"api/v1/namespaces/{Namespace}/services", KubernetesJson.Serialize(new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = Namespace },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = Name(i) },
                Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }],
            },
        })));
    }

    private static async Task<JsonObject> CreatePolicyAsync(HttpClient http, int i, int gatewayEvery)
    {
        var policy = new TrafficPolicy
        {
            ApiVersion = TrafficPolicy.ApiVersionString,
            Kind = TrafficPolicy.KindName,
            Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = Namespace },
            Spec = new TrafficPolicySpec
            {
                TargetRef = new ServiceReference { Name = Name(i), Port = 8080 },
                Ingress = new IngressSpec { ClassName = "nginx", Hosts = [$"{Name(i)}.example.com"] },
                Proxy = new ProxySpec { Mode = i % gatewayEvery == 0 ? ProxyModes.Gateway : ProxyModes.None, Replicas = 2 },
            },
        };
        var body = await SendAsync(http, HttpMethod.Post, $"apis/{TrafficPolicy.Group}/{TrafficPolicy.Version}/namespaces/{Namespace}/{TrafficPolicy.Plural}", KubernetesJson.Serialize(policy));
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? body
            : throw new HttpRequestException($"{method} {path} failed: {(int)response.StatusCode} {body}");
    }

    private static string ObjectPath(string name) => $"apis/{TrafficPolicy.Group}/{TrafficPolicy.Version}/namespaces/{Namespace}/{TrafficPolicy.Plural}/{name}";

    private static HttpClient Http(InMemoryApiServer server) => new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static string Kubeconfig(InMemoryApiServer server) =>
        server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"junction-bench-{Environment.ProcessId}-{server.BaseAddress.Port}", "kubeconfig"));

    private static Task ForEachAsync(int count, int parallelism, Func<int, Task> body) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) => await body(i));

    private static string Name(int i) => $"p{i:D5}";

    private static int IntArg(string[] args, string flag, int fallback) =>
        int.Parse(StringArg(args, flag, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string StringArg(string[] args, string flag, string fallback)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
