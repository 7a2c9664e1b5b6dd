using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Junction.Api.V1Alpha1;
using Junction.ApiServer;
using Junction.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junction.Benchmarks.Reconciliation;

/// <summary>
/// Time for the operator to converge N policies against the floor (N plain creates by a bare client,
/// same server, same parallelism), and the operator's memory at N and 10N policies, measured in a
/// separate operator process so the API server's memory is not counted.
/// Usage: reconcile [--policies 1000] [--memory 1000,10000] [--gateway-every 10]
/// </summary>
internal static class ReconcileBench
{
    private const int Parallelism = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var policies = IntArg(args, "--policies", 1000);
        var gatewayEvery = IntArg(args, "--gateway-every", 10);
        var memory = StringArg(args, "--memory", "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"Policies: 1 in {gatewayEvery} runs a gateway (ConfigMap, Services, Deployment, Ingress), the others an Ingress only.");

        if (policies > 0)
        {
            var floor = await FloorAsync(policies);
            Console.WriteLine($"floor: {policies} plain TrafficPolicy creates by a bare client: {floor.TotalSeconds:F2} s ({policies / floor.TotalSeconds:F0}/s)");
            var (converge, writes) = await ConvergeInProcessAsync(policies, gatewayEvery);
            Console.WriteLine($"converge: {policies} policies created and Programmed by the operator: {converge.TotalSeconds:F2} s ({writes} writes; {converge / floor:F1}x the floor)");
        }

        foreach (var n in memory)
        {
            var (rss, heap, took) = await MemoryAsync(n, gatewayEvery);
            Console.WriteLine($"memory at {n} policies: RSS {rss / 1e6:F0} MB, managed heap {heap / 1e6:F0} MB (converged in {took.TotalSeconds:F0} s)");
        }

        return 0;
    }

    private static async Task<TimeSpan> FloorAsync(int count)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions());
        using var client = Client(server);
        await CreateCrdAsync(client);
        await CreateNamespaceAsync(client, "bench");
        var watch = Stopwatch.StartNew();
        await ForEachAsync(count, i => CreatePolicyAsync(client, i, 1));
        return watch.Elapsed;
    }

    private static async Task<(TimeSpan Took, int Writes)> ConvergeInProcessAsync(int count, int gatewayEvery)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions());
        using var client = Client(server);
        await CreateCrdAsync(client);
        await CreateNamespaceAsync(client, "bench");
        await ForEachAsync(count, i => CreateServiceAsync(client, i));
        using var operatorClient = Client(server);
        var host = new OperatorHost(new OperatorOptions { Workers = 8, MetricsBindAddress = "0", HealthProbeBindAddress = "0" }, operatorClient, NullLoggerFactory.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        await host.CachesSynced;
        server.Requests.Reset();

        var watch = Stopwatch.StartNew();
        await ForEachAsync(count, i => CreatePolicyAsync(client, i, gatewayEvery));
        await WaitProgrammedAsync(client, count, TimeSpan.FromMilliseconds(100), _ => Task.CompletedTask);
        var took = watch.Elapsed;
        var writes = server.Requests.Writes;
        await stop.CancelAsync();
        await run;
        return (took, writes);
    }

    private static async Task<(double Rss, double Heap, TimeSpan Took)> MemoryAsync(int count, int gatewayEvery)
    {
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { HistoryLimit = 200_000 });
        using var client = Client(server);
        await CreateCrdAsync(client);
        await CreateNamespaceAsync(client, "bench");
        await ForEachAsync(count, i => CreateServiceAsync(client, i));
        var kubeconfig = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"junction-bench-{Environment.ProcessId}", "kubeconfig"));
        var port = FreePort();
        using var process = StartOperator(kubeconfig, port);
        try
        {
            var watch = Stopwatch.StartNew();
            await ForEachAsync(count, i => CreatePolicyAsync(client, i, gatewayEvery));
            using var http = new HttpClient();
            // Listing every policy is itself work for the server; poll large sets less often.
            await WaitProgrammedAsync(client, count, TimeSpan.FromSeconds(Math.Max(1, count / 1000)), async programmed =>
            {
                var now = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds:F0} s: {programmed}/{count} Programmed, RSS {Gauge(now, "process_resident_memory_bytes") / 1e6:F0} MB, heap {Gauge(now, "dotnet_gc_heap_size_bytes") / 1e6:F0} MB");
            });
            var took = watch.Elapsed;
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            return (Gauge(text, "process_resident_memory_bytes"), Gauge(text, "dotnet_gc_heap_size_bytes"), took);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process StartOperator(string kubeconfig, int metricsPort)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "junction.dll"), "run", "--kubeconfig", kubeconfig, "--workers", "8",
            "--metrics-bind-address", $"127.0.0.1:{metricsPort}", "--health-probe-bind-address", "0",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitProgrammedAsync(Kubernetes client, int count, TimeSpan poll, Func<int, Task> progress)
    {
        var reported = Stopwatch.StartNew();
        while (true)
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<TrafficPolicyList>(TrafficPolicy.Group, TrafficPolicy.Version, "bench", TrafficPolicy.Plural);
            var programmed = list.Items.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Programmed" && c.Status == "True" && c.ObservedGeneration == p.Metadata.Generation) == true);
            if (programmed == count)
            {
                return;
            }

            if (reported.Elapsed > TimeSpan.FromSeconds(30))
            {
                await progress(programmed);
                reported.Restart();
            }

            await Task.Delay(poll);
        }
    }

    private static Task CreatePolicyAsync(Kubernetes client, int i, int gatewayEvery) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new TrafficPolicy
            {
                Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = "bench" },
                Spec = new TrafficPolicySpec
                {
                    TargetRef = new ServiceReference { Name = Name(i), Port = 8080 },
                    Ingress = new IngressSpec { ClassName = "nginx", Hosts = [$"{Name(i)}.example.com"] },
                    Proxy = new ProxySpec { Mode = i % gatewayEvery == 0 ? ProxyModes.Gateway : ProxyModes.None, Replicas = 2 },
                },
            },
            TrafficPolicy.Group,
            TrafficPolicy.Version,
            "bench",
            TrafficPolicy.Plural);

    private static Task CreateServiceAsync(Kubernetes client, int i) =>
        client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = "bench" },
                Spec = new V1ServiceSpec
                {
                    Selector = new Dictionary<string, string> { ["app"] = Name(i) },
                    Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }],
                },
            },
            "bench");

    private static async Task CreateCrdAsync(Kubernetes client) =>
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Crds.CrdGenerator.Generate()));

    private static async Task CreateNamespaceAsync(Kubernetes client, string ns) =>
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

    private static Task ForEachAsync(int count, Func<int, Task> body) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) => await body(i));

    private static Kubernetes Client(InMemoryApiServer server) =>
        new(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString().TrimEnd('/') });

    private static string Name(int i) => $"p{i:D5}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Gauge(string metrics, string name) =>
        double.Parse(metrics.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);

    private static int IntArg(string[] args, string flag, int fallback) =>
        int.Parse(StringArg(args, flag, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string StringArg(string[] args, string flag, string fallback)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
