using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Http;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using Junction.ApiServer.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.ApiServer;

/// <summary>
/// A Kubernetes API server held in memory and served over plain HTTP on 127.0.0.1: discovery, OpenAPI v3,
/// CRUD, list/watch, patch (merge, JSON, strategic, server-side apply), CRDs, finalizers, garbage collection and
/// ServiceAccount tokens (TokenRequest and TokenReview).
/// </summary>
public sealed class InMemoryApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping;
    private readonly ResourceService service;
    private readonly ServiceAccountSigner signer;
    private readonly Simulation.WorkloadControllers? workloads;

    private InMemoryApiServer(WebApplication app, CancellationTokenSource stopping, ResourceService service, ServiceAccountSigner signer, Uri baseAddress, FaultInjector faults, RequestLog requests, ClusterSimulator simulator, Simulation.WorkloadControllers? workloads)
    {
        this.workloads = workloads;
        this.app = app;
        this.stopping = stopping;
        this.service = service;
        this.signer = signer;
        BaseAddress = baseAddress;
        Faults = faults;
        Requests = requests;
        Simulator = simulator;
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:34567/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault injection: failed requests, latency, dropped watches, expired watch history.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every resource request answered, countable by verb and resource.</summary>
    public RequestLog Requests { get; }

    /// <summary>Plays the missing controllers: deployment rollouts, ingress addresses, conditions.</summary>
    public ClusterSimulator Simulator { get; }

    /// <summary>Whether Deployments, ReplicaSets, Jobs and Pods are played by the simulated controllers and kubelet (<see cref="ApiServerOptions.SimulateWorkloads"/>).</summary>
    public bool SimulatesWorkloads => workloads is not null;

    /// <summary>The store's current resourceVersion.</summary>
    public long ResourceVersion => service.Store.Revision;

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public static async Task<InMemoryApiServer> StartAsync(ApiServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = new Clock(options.TimeProvider);
        var store = new ObjectStore(options.HistoryLimit);
        var service = new ResourceService(store, new ResourceRegistry(), clock, options.Random, options.SimulateWorkloads, options.MaxConfigMapBytes);
        foreach (var ns in options.Namespaces)
        {
            service.Create(service.TypeOf("v1", "namespaces"), string.Empty, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, WriteOptions.Default with { FieldManager = "kube-apiserver" });
        }

        CrdLoader.Load(service, options.CrdPaths);
        var stopping = new CancellationTokenSource();
        var faults = new FaultInjector(
            () => { lock (store.Gate) { return store.CloseWatches(); } },
            () => { lock (store.Gate) { store.Compact(); } });
        var requests = new RequestLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            // The body reader answers over-large bodies with kube-apiserver's Status; this is only the backstop.
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + (1024 * 1024);
        });
        var app = builder.Build();
        var address = string.Empty;
        var endpoint = new ResourceEndpoint(service, faults, requests, new WatchStream(service, options.BookmarkInterval, options.TimeProvider, options.WatchBufferSize), options.TimeProvider, options.MaxRequestBodyBytes, stopping.Token);
        var tokenOptions = new ServiceAccountTokenOptions(options.ServiceAccountIssuer, options.ApiAudiences);
        var signer = new ServiceAccountSigner();
        var tokens = new TokenEndpoint(
            new TokenRequests(service, clock, signer, tokenOptions, options.Random),
            new TokenReviewer(service, clock, signer, tokenOptions),
            faults,
            requests,
            options.MaxRequestBodyBytes);
        var reviews = new AuthorizationEndpoint(faults, requests, options.MaxRequestBodyBytes);
        var handler = new ApiHandler(service, faults, endpoint, tokens, reviews, options.Shapes, () => address);
        app.Run(handler.Handle);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(bound.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        address = $"{baseAddress.Host}:{baseAddress.Port.ToString(CultureInfo.InvariantCulture)}";
        Simulation.WorkloadControllers? workloads = null;
        if (options.SimulateWorkloads)
        {
            workloads = new Simulation.WorkloadControllers(service, clock, options.TimeProvider, options.Random, options.PodStartDelay);
            workloads.Start();
        }

        return new InMemoryApiServer(app, stopping, service, signer, baseAddress, faults, requests, new ClusterSimulator(service, clock), workloads);
    }

    /// <summary>Writes a kubeconfig pointing at this server (context junction-local, namespace default); returns the path.</summary>
    public string WriteKubeconfig(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Kubeconfig());
        return path;
    }

    /// <summary>The kubeconfig text for this server.</summary>
    public string Kubeconfig()
    {
        var server = BaseAddress.ToString().TrimEnd('/');
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: junction-local
              cluster:
                server: {server}
            contexts:
            - name: junction-local
              context:
                cluster: junction-local
                user: junction-local
                namespace: default
            current-context: junction-local
            users:
            - name: junction-local
              user: {"{}"}
            preferences: {"{}"}

            """;
    }

    /// <summary>Stops listening and ends every open watch.</summary>
    public async ValueTask DisposeAsync()
    {
        if (workloads is not null)
        {
            await workloads.DisposeAsync();
        }

        await stopping.CancelAsync();
        lock (service.Store.Gate)
        {
            service.Store.CloseWatches();
        }

        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        stopping.Dispose();
        signer.Dispose();
    }
}
