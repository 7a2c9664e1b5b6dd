using Junction.Api.V1Alpha1;
using Junction.ApiServer;
using Junction.Hosting;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junction.Tests.Reconciliation;

/// <summary>The in-memory API server with the CRD installed, a client, and the test steps over it.</summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private LocalCluster(InMemoryApiServer server, Kubernetes client)
    {
        Server = server;
        Client = client;
        Fixture = new ClusterFixture(client);
    }

    public InMemoryApiServer Server { get; }

    public Kubernetes Client { get; }

    public ClusterFixture Fixture { get; }

    public static async Task<LocalCluster> StartAsync(CancellationToken ct)
    {
        var server = await InMemoryApiServer.StartAsync(new ApiServerOptions(), ct);
        var cluster = new LocalCluster(server, NewClient(server));
        await cluster.Fixture.InstallCrdAsync(ct);
        return cluster;
    }

    /// <summary>A fresh client of the server, as a separate operator process would have.</summary>
    public static Kubernetes NewClient(InMemoryApiServer server) =>
        new(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString().TrimEnd('/') });

    /// <summary>Starts an operator against the server, with its own client.</summary>
    public Task<RunningOperator> StartOperatorAsync(CancellationToken ct, OperatorOptions? options = null, ILoggerFactory? loggers = null) =>
        RunningOperator.StartAsync(
            NewClient(Server),
            options ?? new OperatorOptions { MetricsBindAddress = "0", HealthProbeBindAddress = "0" },
            loggers ?? NullLoggerFactory.Instance,
            ct);

    /// <summary>Every Junction-managed child object of the namespace.</summary>
    public async Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> ChildrenAsync(string ns, CancellationToken ct)
    {
        const string selector = "app.kubernetes.io/managed-by=junction";
        var configMaps = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector, cancellationToken: ct);
        var services = await Client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: selector, cancellationToken: ct);
        var deployments = await Client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: selector, cancellationToken: ct);
        var ingresses = await Client.NetworkingV1.ListNamespacedIngressAsync(ns, labelSelector: selector, cancellationToken: ct);
        return [.. configMaps.Items, .. services.Items, .. deployments.Items, .. ingresses.Items];
    }

    /// <summary>Plays the Deployment controller once the operator has written the Deployment.</summary>
    public async Task CompleteRolloutAsync(string ns, string name, CancellationToken ct)
    {
        await Fixture.WaitForAsync(c => Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: c), ct);
        Server.Simulator.CompleteDeploymentRollout(ns, name);
    }

    /// <summary>Plays the ingress controller once the operator has written the Ingress.</summary>
    public async Task AssignIngressAddressAsync(string ns, string name, string address, CancellationToken ct)
    {
        await Fixture.WaitForAsync(c => Client.NetworkingV1.ReadNamespacedIngressAsync(name, ns, cancellationToken: c), ct);
        Server.Simulator.AssignIngressAddress(ns, name, address);
    }

    /// <summary>The name of the i-th bulk policy (and its Service).</summary>
    public static string BulkName(int i) => $"p{i:D5}";

    /// <summary>
    /// Creates <paramref name="count"/> Services and policies in the namespace, sixteen at a time.
    /// Every <paramref name="gatewayEvery"/>-th policy runs a gateway proxy, the others only an
    /// Ingress. Each create is retried until the object exists, so injected faults do not stop the setup.
    /// </summary>
    public async Task CreateManyAsync(string ns, int count, CancellationToken ct, int gatewayEvery = 1)
    {
        await Fixture.EnsureNamespaceAsync(ns, ct);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, c) =>
        {
            var name = BulkName(i);
            await CreateUntilPresentAsync(() => Fixture.CreateServiceAsync(ns, name, 8080, c), () => Client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: c), c);
            var policy = ClusterFixture.Policy(ns, name, p => p.Spec.Proxy!.Mode = i % gatewayEvery == 0 ? ProxyModes.Gateway : ProxyModes.None);
            await CreateUntilPresentAsync(() => Fixture.CreatePolicyAsync(policy, c), () => Fixture.ReadPolicyAsync(ns, name, c), c);
        });
    }

    /// <summary>Polls the policy list until <paramref name="count"/> policies are Programmed at their current generation.</summary>
    public Task WaitForAllProgrammedAsync(string ns, int count, CancellationToken ct) =>
        Fixture.WaitUntilAsync(
            async c =>
            {
                var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync<TrafficPolicyList>(
                    TrafficPolicy.Group, TrafficPolicy.Version, ns, TrafficPolicy.Plural, cancellationToken: c);
                return list.Items.Count(p => p.Status?.Conditions?.Any(x =>
                    x.Type == "Programmed" && x.Status == "True" && x.ObservedGeneration == p.Metadata.Generation) == true) == count;
            },
            ct);

    private static async Task CreateUntilPresentAsync<T>(Func<Task<T>> create, Func<Task<T>> read, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await create();
                return;
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                try
                {
                    await read();
                    return;
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
