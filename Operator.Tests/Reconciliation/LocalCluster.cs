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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
