using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Junction.ApiServer;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using k8s;
using k8s.Models;

namespace Junction.Benchmarks.ApiServer;

/// <summary>Time and memory to create and then list 10,000 ConfigMaps, over HTTP with KubernetesClient and directly on the store.</summary>
[Config(typeof(ShortInProcessConfig))]
public class StoreBenchmarks
{
    private const int Count = 10_000;
    private InMemoryApiServer? server;
    private Kubernetes? client;
    private ResourceService? service;

    [IterationSetup(Target = nameof(CreateAndListOverHttp))]
    public void StartServer()
    {
        server = InMemoryApiServer.StartAsync(new ApiServerOptions()).GetAwaiter().GetResult();
        client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });
    }

    [IterationCleanup(Target = nameof(CreateAndListOverHttp))]
    public void StopServer()
    {
        client?.Dispose();
        server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(CreateAndListOnStore))]
    public void NewStore()
    {
        service = new ResourceService(new ObjectStore(10_000), new ResourceRegistry(), new Clock(TimeProvider.System));
        service.Create(service.TypeOf("v1", "namespaces"), string.Empty, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } }, WriteOptions.Default);
    }

    [Benchmark]
    public async Task<int> CreateAndListOverHttp()
    {
        for (var i = 0; i < Count; i++)
        {
            await client!.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}", Labels = new Dictionary<string, string> { ["app"] = "bench" } }, Data = new Dictionary<string, string> { ["key"] = "value" } },
                "default");
        }

        var list = await client!.CoreV1.ListNamespacedConfigMapAsync("default");
        return list.Items.Count;
    }

    [Benchmark]
    public int CreateAndListOnStore()
    {
        var type = service!.TypeOf("v1", "configmaps");
        for (var i = 0; i < Count; i++)
        {
            var body = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = $"cm-{i}", ["labels"] = new JsonObject { ["app"] = "bench" } },
                ["data"] = new JsonObject { ["key"] = "value" },
            };
            service.Create(type, "default", body, WriteOptions.Default);
        }

        var query = new ListQuery("default", Junction.ApiServer.Selectors.LabelSelector.Everything, Junction.ApiServer.Selectors.FieldSelector.Everything, 0, null, null, false);
        return service.List(type, query).Items.Count;
    }
}
