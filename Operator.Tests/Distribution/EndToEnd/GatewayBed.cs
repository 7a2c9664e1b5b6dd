using System.Collections.Concurrent;
using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Hosting;
using Junction.Hosting.Local;
using Junction.Objects;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Reconciliation;
using Junction.Translation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Junction.Tests.Distribution.EndToEnd;

/// <summary>
/// One gateway as it runs in a cluster with agent delivery, all on loopback: the embedded API
/// server, the operator (proxy API on 127.0.0.1), one replica of the gateway Deployment played by
/// a real junction-agent (the published NativeAOT binary) that starts a real HAProxy, with the
/// ServiceAccount token from TokenRequest, the trust bundle the operator publishes and a root
/// directory of its own; two backends behind Services whose endpoints the local DNS answers.
/// Everything on its own random 127.x.y.z addresses, so parallel runs do not collide.
/// Disposing stops everything, also when the test failed, and prints the agent's output.
/// </summary>
internal sealed class GatewayBed : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string PolicyName = "checkout";
    /// <summary>The Service's second port, which a policy may move its listener to.</summary>
    public const int AlternatePort = 8081;
    private const int BackendPort = 9080;

    private readonly ITestOutputHelper output;
    private readonly List<LocalProxyInstance> proxies = [];
    private LocalProxyOptions? proxyOptions;

    private GatewayBed(ITestOutputHelper output, LocalCluster cluster, string root, byte[] subnet)
    {
        this.output = output;
        Cluster = cluster;
        Root = root;
        Subnet = subnet;
    }

    public LocalCluster Cluster { get; }

    public RunningOperator Operator { get; private set; } = null!;

    public LocalDnsServer Dns { get; private set; } = null!;

    public BackendServer V1 { get; private set; } = null!;

    public BackendServer V2 { get; private set; } = null!;

    public string Root { get; }

    private byte[] Subnet { get; }

    /// <summary>The replica's address (the pod IP): the gateway listens on :8080 there, the agent on :15021.</summary>
    public IPAddress ProxyAddress => Address(1);

    public Uri GatewayUri => new($"http://{ProxyAddress}:8080/");

    public LocalProxyInstance Proxy => proxies[^1];

    public ClusterFixture Fixture => Cluster.Fixture;

    /// <summary>The published agent, or null (the tests skip and say how to publish it).</summary>
    public static string? AgentBinary()
    {
        var path = Environment.GetEnvironmentVariable("JUNCTION_AGENT_BINARY") is { Length: > 0 } env
            ? env
            : Path.Combine(ClusterFixture.RepositoryRoot(), ".artifacts", "agent", "junction-agent");
        return File.Exists(path) ? path : null;
    }

    public const string AgentMissing = "no published junction-agent at .artifacts/agent/junction-agent (JUNCTION_AGENT_BINARY): run `dotnet publish Agent -c Release -r linux-x64 -p:PublishAot=true -o .artifacts/agent` as .ci/run does";

    /// <summary>The bed up to a running operator and backends; <see cref="StartProxyAsync"/> starts the replica.</summary>
    public static async Task<GatewayBed> StartAsync(ITestOutputHelper output, CancellationToken ct, TimeSpan? identityLifetime = null, TimeSpan? reportTimeout = null)
    {
        var subnet = new byte[] { 127, (byte)Random.Shared.Next(64, 200), (byte)Random.Shared.Next(1, 250) };
        var cluster = await LocalCluster.StartAsync(ct);
        var bed = new GatewayBed(output, cluster, Directory.CreateTempSubdirectory("junction-e2e-").FullName, subnet);
        try
        {
            bed.V1 = await BackendServer.StartAsync("v1", new IPEndPoint(bed.Address(11), BackendPort), ct: ct);
            bed.V2 = await BackendServer.StartAsync("v2", new IPEndPoint(bed.Address(12), BackendPort), ct: ct);
            bed.Dns = LocalDnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0));
            bed.Operator = await cluster.StartOperatorAsync(ct, new OperatorOptions
            {
                MetricsBindAddress = "0",
                HealthProbeBindAddress = "0",
                ProxyApiBindAddress = "127.0.0.1:0",
                ConfigDelivery = ConfigDelivery.Agent,
                OperatorNamespace = "default",
                LeaseNamespace = "default",
                ProxyReportTimeout = reportTimeout ?? TimeSpan.FromSeconds(90),
                IdentityLifetime = identityLifetime ?? TimeSpan.FromHours(24),
            }, NullLoggerFactory.Instance);
            // The cluster DNS: Services (and the headless twins the operator makes of them) by their annotation.
            LocalDnsFeed.Follow(bed.Operator.Host.Informers.Services, bed.Dns, problem => output.WriteLine(problem));
            await bed.CreateBackendsAsync(ct);
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    public IPAddress Address(byte last) => new([Subnet[0], Subnet[1], Subnet[2], last]);

    /// <summary>The canary sample's shape: /api to checkout (v1) unless changed.</summary>
    public async Task<TrafficPolicy> CreatePolicyAsync(CancellationToken ct, Action<TrafficPolicy>? customize = null)
    {
        var policy = new TrafficPolicy
        {
            Metadata = new V1ObjectMeta { Name = PolicyName, NamespaceProperty = Namespace },
            Spec = new TrafficPolicySpec
            {
                TargetRef = new ServiceReference { Name = "checkout", Port = 8080 },
                Protocol = "HTTP",
                Proxy = new ProxySpec { Mode = ProxyModes.Gateway, Replicas = 1 },
                Routes =
                [
                    new Route
                    {
                        Name = "api",
                        Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = "/api" } }],
                        BackendRefs = [new BackendRef { Name = "checkout", Port = 8080, Weight = 100 }],
                    },
                ],
            },
        };
        customize?.Invoke(policy);
        return await Fixture.CreatePolicyAsync(policy, ct);
    }

    /// <summary>The gateway Deployment the operator wrote.</summary>
    public async Task<V1Deployment> GatewayDeploymentAsync(CancellationToken ct) =>
        await Fixture.WaitForAsync(
            async c => (await Cluster.Client.AppsV1.ListNamespacedDeploymentAsync(Namespace, labelSelector: $"{ChildObjects.ComponentLabel}=gateway", cancellationToken: c)).Items.FirstOrDefault(),
            ct);

    /// <summary>Starts one replica as the kubelet would start the pod, and waits until the agent says ready.</summary>
    public async Task<LocalProxyInstance> StartProxyAsync(CancellationToken ct, TimeSpan? heartbeat = null)
    {
        var deployment = await GatewayDeploymentAsync(ct);
        var options = await ProxyOptionsAsync(heartbeat, ct);
        var root = Path.Combine(Root, "replica-" + proxies.Count);
        Directory.CreateDirectory(root);
        var account = deployment.Spec.Template.Spec.ServiceAccountName;
        // The operator creates the ServiceAccount beside the Deployment; TokenRequest needs it.
        await Fixture.WaitUntilAsync(
            async c =>
            {
                try
                {
                    await LocalProxies.WriteTokenAsync(Cluster.Client, Namespace, account, LocalProxyInstance.TokenPath(root), c);
                    return true;
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                    return false;
                }
            },
            ct);
        var instance = LocalProxyInstance.Start(options, $"gateway/{Namespace}/{deployment.Metadata.Name}", deployment.Metadata.Name + "-local-" + proxies.Count, ProxyAddress, root);
        proxies.Add(instance);
        await WaitReadyAsync(ct);
        return instance;
    }

    /// <summary>
    /// A pod of the checkout workload with an injected sidecar, as the webhook leaves it (the
    /// junction-proxy container), played by a real junction-agent and HAProxy on its own address.
    /// </summary>
    public async Task<LocalProxyInstance> StartSidecarAsync(string pod, string serviceAccount, byte address, CancellationToken ct)
    {
        try
        {
            await Cluster.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = serviceAccount, NamespaceProperty = Namespace } }, Namespace, cancellationToken: ct);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }

        await Cluster.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = "checkout" } },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = serviceAccount,
                    InitContainers = [new V1Container { Name = Junction.Mesh.Sidecar.SidecarPod.ProxyContainer, Image = "haproxy:3.2.4", RestartPolicy = "Always" }],
                    Containers = [new V1Container { Name = "app", Image = "checkout:1" }],
                },
            },
            Namespace,
            cancellationToken: ct);
        var root = Path.Combine(Root, "pod-" + pod);
        Directory.CreateDirectory(root);
        await LocalProxies.WriteTokenAsync(Cluster.Client, Namespace, serviceAccount, LocalProxyInstance.TokenPath(root), ct);
        var instance = LocalProxyInstance.Start(await ProxyOptionsAsync(null, ct), $"sidecar/{Namespace}/{serviceAccount}", pod, Address(address), root);
        proxies.Add(instance);
        await WaitReadyAsync(instance, ct);
        return instance;
    }

    /// <summary>Polls the replica's readiness port until 200.</summary>
    public Task WaitReadyAsync(CancellationToken ct) => WaitReadyAsync(Proxy, ct);

    /// <summary>Polls an agent's readiness port until 200.</summary>
    public async Task WaitReadyAsync(LocalProxyInstance proxy, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Fixture.WaitUntilAsync(
            async c =>
            {
                if (proxy.HasExited)
                {
                    throw new InvalidOperationException("the agent exited:\n" + proxy.RecentOutput());
                }

                try
                {
                    using var r = await http.GetAsync($"http://{proxy.Address}:15021/healthz/ready", c);
                    return r.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            ct);
    }

    /// <summary>The policy once <paramref name="done"/> holds for it.</summary>
    public async Task<TrafficPolicy> WaitForPolicyAsync(Func<TrafficPolicy, bool> done, CancellationToken ct)
    {
        TrafficPolicy? last = null;
        try
        {
            return await Fixture.WaitForAsync(
                async c =>
                {
                    last = await Fixture.ReadPolicyAsync(Namespace, PolicyName, c);
                    return done(last) ? last : null;
                },
                ct);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("last policy status: " + KubernetesJson.Serialize(last?.Status));
            throw;
        }
    }

    /// <summary>The agent's resident set size and peak in KiB, for the test output.</summary>
    public string AgentMemory()
    {
        var status = File.ReadAllLines($"/proc/{Proxy.Pid}/status");
        string Field(string name) => status.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim();
        return $"agent VmRSS {Field("VmRSS:")}, VmHWM {Field("VmHWM:")}";
    }

    /// <summary>Whether <paramref name="count"/> proxies report the policy's generation and it is Ready.</summary>
    public static bool Runs(TrafficPolicy p, int count) => p.Status?.Proxy?.Current == count && Condition(p, "Ready")?.Status == "True";

    public static V1Condition? Condition(TrafficPolicy p, string type) =>
        p.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.ObservedGeneration == p.Metadata.Generation);

    public async ValueTask DisposeAsync()
    {
        foreach (var p in proxies)
        {
            var recent = p.RecentOutput();
            await p.DisposeAsync();
            try
            {
                output.WriteLine($"--- agent {p.Instance} (last lines)\n{recent}");
            }
            catch (InvalidOperationException)
            {
            }
        }

        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }

        if (Dns is not null)
        {
            await Dns.DisposeAsync();
        }

        if (V1 is not null)
        {
            await V1.DisposeAsync();
        }

        if (V2 is not null)
        {
            await V2.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task CreateBackendsAsync(CancellationToken ct)
    {
        await Fixture.EnsureNamespaceAsync(Namespace, ct);
        foreach (var (name, backend) in new[] { ("checkout", V1), ("checkout-v2", V2) })
        {
            await Cluster.Client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = name,
                        NamespaceProperty = Namespace,
                        Annotations = new Dictionary<string, string> { [LocalEndpoints.Annotation] = backend.Endpoint.ToString() },
                    },
                    Spec = new V1ServiceSpec
                    {
                        Selector = new Dictionary<string, string> { ["app"] = name },
                        Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = "http" }, new V1ServicePort { Name = "alt", Port = AlternatePort, TargetPort = "http" }],
                    },
                },
                Namespace,
                cancellationToken: ct);
        }
    }

    private async Task<LocalProxyOptions> ProxyOptionsAsync(TimeSpan? heartbeat, CancellationToken ct)
    {
        if (proxyOptions is not null)
        {
            return proxyOptions;
        }

        var host = Operator.Host;
        var api = await Fixture.WaitForAsync(_ => Task.FromResult(host.Distribution?.Server.Uri), ct);
        var bundle = await Fixture.WaitForAsync(_ => Task.FromResult(host.CertificateAuthority.TrustBundlePem), ct);
        var caFile = Path.Combine(Root, "operator-ca.pem");
        await File.WriteAllTextAsync(caFile, bundle, ct);
        proxyOptions = new LocalProxyOptions(api, caFile, AgentBinary()!, Tools.Find("haproxy")!, Root, Dns.Endpoint)
        {
            Heartbeat = heartbeat ?? TimeSpan.FromSeconds(30),
        };
        return proxyOptions;
    }
}
