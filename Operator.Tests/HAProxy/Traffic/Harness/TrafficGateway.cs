using System.Diagnostics;
using System.Globalization;
using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Ir;
using Junction.Translation;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>
/// One policy's gateway running for real: the policy is translated by the production translator,
/// the config runs in a real haproxy on the test's own loopback block, every Service the policy
/// references gets real backend servers, and a real DNS server answers the headless names the
/// config resolves. Everything is stopped on dispose, whatever the test's outcome.
/// </summary>
internal sealed class TrafficGateway : IAsyncDisposable
{
    public const int ListenPort = 8080;
    public const int MetricsPort = 8404;
    public const string ClusterDomain = "cluster.local";

    private static readonly Dictionary<string, Type> YamlTypes = new()
    {
        [TrafficPolicy.ApiVersionString + "/" + TrafficPolicy.KindName] = typeof(TrafficPolicy),
        ["v1/Service"] = typeof(V1Service),
    };

    private readonly Dictionary<string, List<BackendServer>> http = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TcpEchoServer>> tcp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EndpointDiscovery> discovery = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(IPAddress Address, int Port)>> endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<BackendServer> removed = [];
    private readonly IReadOnlyList<V1Service> services;
    private readonly CancellationTokenSource lifetime = new(TimeSpan.FromMinutes(2));
    private int nextHost;
    private HAProxyInstance? proxy;
    private DnsServer? dns;

    private TrafficGateway(TrafficPolicy policy, IReadOnlyList<V1Service> services)
    {
        Policy = policy;
        this.services = services;
        Block = LoopbackBlock.Allocate();
        Directory = Path.Combine(Path.GetTempPath(), "junction-traffic-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public TrafficPolicy Policy { get; private set; }

    public LoopbackBlock Block { get; }

    public string Directory { get; }

    public string Config { get; private set; } = "";

    /// <summary>Where <see cref="HAProxyInstance.ReloadAsync"/> saves the server state; absent until the first reload.</summary>
    public string ServerStateFile => Path.Combine(Directory, "server-state");

    public TranslationResult Translation { get; private set; } = null!;

    public HAProxyInstance Proxy => proxy ?? throw new InvalidOperationException("not started");

    public DnsServer Dns => dns ?? throw new InvalidOperationException("not started");

    public IPEndPoint Listener => new(Block.Proxy, ListenPort);

    public Uri BaseAddress => new($"http://{Block.Proxy}:{ListenPort}");

    public Uri MetricsAddress => new($"http://{Block.Proxy}:{MetricsPort}/metrics");

    /// <summary>Bounds every wait of the test that uses this gateway.</summary>
    public CancellationToken Lifetime => lifetime.Token;

    /// <summary>What is needed to run: reported as a visible skip reason when missing.</summary>
    public static bool ToolsInstalled => HAProxyInstance.IsInstalled && DnsServer.IsInstalled;

    public const string ToolsMissing = "haproxy and dnsmasq must be on PATH for traffic tests (apt-get install haproxy dnsmasq)";

    /// <summary>Loads the TrafficPolicy and Services of testdata/traffic/&lt;name&gt;.yaml.</summary>
    public static (TrafficPolicy Policy, IReadOnlyList<V1Service> Services) LoadCase(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "traffic", name + ".yaml");
        var docs = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), YamlTypes);
        return (docs.OfType<TrafficPolicy>().Single(), docs.OfType<V1Service>().ToList());
    }

    /// <summary>Starts the case's gateway; <paramref name="endpointsPerService"/> backends per Service (default 1).</summary>
    public static Task<TrafficGateway> StartAsync(string caseName, IReadOnlyDictionary<string, int>? endpointsPerService = null)
    {
        var (policy, services) = LoadCase(caseName);
        return StartAsync(policy, services, endpointsPerService);
    }

    public static async Task<TrafficGateway> StartAsync(TrafficPolicy policy, IReadOnlyList<V1Service> services, IReadOnlyDictionary<string, int>? endpointsPerService = null)
    {
        var gateway = new TrafficGateway(policy, services);
        try
        {
            await gateway.StartAsync(endpointsPerService ?? new Dictionary<string, int>());
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>The running HTTP backends of a Service.</summary>
    public IReadOnlyList<BackendServer> Backends(string service) => http[service];

    public BackendServer Backend(string service, int index = 0) => http[service][index];

    public TcpEchoServer TcpBackend(string service, int index = 0) => tcp[service][index];

    /// <summary>Translates the policy exactly as the operator does, with this gateway's addresses.</summary>
    public TranslationResult Translate(TrafficPolicy policy)
    {
        var options = TranslatorOptions.Default with
        {
            BindAddress = Block.Proxy.ToString(),
            ListenPort = ListenPort,
            MetricsPort = MetricsPort,
            DnsNameservers = [Dns.Nameserver],
            ClusterDomain = ClusterDomain,
            ServerStateFile = ServerStateFile,
            // Shorter than production so removing an endpoint from DNS shows within a test's time.
            DnsHoldValid = TimeSpan.FromSeconds(2),
            DnsHoldObsolete = TimeSpan.FromSeconds(2),
        };
        var context = new TranslationContext(services.ToDictionary(s => s.Metadata.Name), new Dictionary<string, V1Secret>(), options);
        var result = PolicyTranslator.Translate(policy, context);
        if (result.HAProxyConfig is null || !result.RefsResolved)
        {
            throw new InvalidOperationException($"policy {policy.Metadata.Name} gave no gateway config: {string.Join("; ", result.Problems.Select(p => p.Message))}");
        }

        return result;
    }

    /// <summary>
    /// Translates a changed policy and hot-reloads it the way the proxy pod does: the new file
    /// replaces the old one at the same path, then <c>reload</c> goes to the master CLI.
    /// </summary>
    public async Task ReloadAsync(TrafficPolicy policy)
    {
        var result = Translate(policy);
        await Proxy.ReloadAsync(result.HAProxyConfig!, Lifetime);
        Policy = policy;
        Translation = result;
        Config = result.HAProxyConfig!;
    }

    /// <summary>Starts one more backend for a Service and adds it to DNS only (no config change, no reload).</summary>
    public async Task<BackendServer> AddEndpointAsync(string service)
    {
        var backend = await StartHttpBackendAsync(service);
        await PublishAsync(service);
        return backend;
    }

    /// <summary>Removes a backend from DNS only; the backend keeps running (and recording).</summary>
    public async Task RemoveEndpointAsync(string service, BackendServer backend)
    {
        http[service].Remove(backend);
        endpoints[service].RemoveAll(e => e.Address.Equals(backend.Endpoint.Address));
        await PublishAsync(service);
        removed.Add(backend);
    }

    /// <summary>Waits until every templated backend has exactly its DNS endpoints up.</summary>
    public async Task WaitEndpointsUpAsync()
    {
        var expected = ConfigBackends.DiscoveryNames(Config).ToDictionary(
            b => b.Key,
            b => ExpectedEndpoints(b.Value).Order().ToList());
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var servers = await Proxy.ServersAsync(Lifetime);
            var up = servers.Where(s => s.IsUp).GroupBy(s => s.Backend).ToDictionary(g => g.Key, g => g.Select(s => s.Endpoint).Order().ToList());
            var pending = expected.Where(e => !(up.TryGetValue(e.Key, out var got) ? got : []).SequenceEqual(e.Value)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            last = string.Join("; ", pending.Select(p => $"{p.Key}: want [{string.Join(", ", p.Value)}] up, have [{string.Join(", ", servers.Where(s => s.Backend == p.Key && s.Address != "-").Select(s => $"{s.Endpoint} op {s.OperationalState} admin {s.AdminState}"))}]"));
            await Task.Delay(100, Lifetime);
        }

        throw new TimeoutException($"endpoints not up after 15s: {last}\n{Proxy.Describe()}");
    }

    public async ValueTask DisposeAsync()
    {
        proxy?.Dispose();
        dns?.Dispose();
        foreach (var b in http.Values.SelectMany(b => b).Concat(removed))
        {
            await b.DisposeAsync();
        }

        foreach (var t in tcp.Values.SelectMany(t => t))
        {
            await t.DisposeAsync();
        }

        lifetime.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp dir is not worth failing a test.
        }
    }

    private async Task StartAsync(IReadOnlyDictionary<string, int> endpointsPerService)
    {
        dns = await DnsServer.StartAsync(Block.Dns, Directory, ClusterDomain, Lifetime);
        Translation = Translate(Policy);
        Config = Translation.HAProxyConfig!;
        var mirrors = Translation.Fragment.AllRoutes.SelectMany(r => r.Filters).OfType<MirrorRule>().Select(m => m.Target);
        foreach (var target in Translation.Fragment.AllRoutes.SelectMany(r => r.Backends).Select(b => b.Target).Concat(mirrors).Distinct())
        {
            discovery.TryAdd(target.ServiceName, target.Discovery);
            endpoints.TryAdd(target.ServiceName, []);
            var count = endpointsPerService.GetValueOrDefault(target.ServiceName, 1);
            for (var i = 0; i < count; i++)
            {
                if (Translation.Fragment.Protocol == AppProtocol.Tcp)
                {
                    StartTcpBackend(target.ServiceName);
                }
                else
                {
                    await StartHttpBackendAsync(target.ServiceName);
                }
            }

            await PublishAsync(target.ServiceName);
        }

        // The files the config loads from its own directory (the Lua of faults and mirrors), as the ConfigMap has them.
        foreach (var (file, text) in Junction.HAProxy.HAProxyAssets.Files([Translation.Fragment]))
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, file), text, Lifetime);
        }

        proxy = await HAProxyInstance.StartAsync(Config, Directory, [Listener, new IPEndPoint(Block.Proxy, MetricsPort)], Lifetime);
        await WaitEndpointsUpAsync();
    }

    private async Task<BackendServer> StartHttpBackendAsync(string service)
    {
        var endpoint = NextEndpoint(service);
        var h2 = Translation.Fragment.Protocol is AppProtocol.Http2 or AppProtocol.Grpc;
        var name = $"{service}-{http.GetValueOrDefault(service)?.Count ?? 0}";
        var backend = await BackendServer.StartAsync(name, endpoint, h2 ? HttpProtocols.Http2 : HttpProtocols.Http1, Lifetime);
        if (Translation.Fragment.Endpoints.HealthCheck?.Path is { } path)
        {
            backend.HealthPath = path;
        }

        (http.TryGetValue(service, out var list) ? list : http[service] = []).Add(backend);
        endpoints[service].Add((endpoint.Address, endpoint.Port));
        return backend;
    }

    private void StartTcpBackend(string service)
    {
        var endpoint = NextEndpoint(service);
        var name = $"{service}-{tcp.GetValueOrDefault(service)?.Count ?? 0}";
        (tcp.TryGetValue(service, out var list) ? list : tcp[service] = []).Add(TcpEchoServer.Start(name, endpoint));
        endpoints[service].Add((endpoint.Address, endpoint.Port));
    }

    // A-record discovery fixes the port in the config; SRV discovery lets each endpoint carry
    // its own, so SRV backends deliberately listen on a port the config does not mention.
    private IPEndPoint NextEndpoint(string service)
    {
        var d = discovery[service];
        return new IPEndPoint(Block.Backend(nextHost++), d.Port ?? 18000 + nextHost);
    }

    private async Task PublishAsync(string service)
    {
        var d = discovery[service];
        var list = endpoints[service];
        if (d.IsSrv)
        {
            var host = d.Name[(d.Name.IndexOf("._tcp.", StringComparison.Ordinal) + "._tcp.".Length)..];
            var targets = list.Select(e => new SrvTarget($"{e.Address.ToString().Replace('.', '-')}.{host}", e.Address, e.Port)).ToList();
            await Dns.SetServicesAsync(d.Name, targets, Lifetime);
        }
        else
        {
            await Dns.SetAddressesAsync(d.Name, list.Select(e => e.Address).ToList(), Lifetime);
        }
    }

    private IEnumerable<string> ExpectedEndpoints(string discoveryName)
    {
        var service = discovery.Single(d => string.Equals(d.Value.Name, discoveryName, StringComparison.OrdinalIgnoreCase)).Key;
        return endpoints[service].Select(e => $"{e.Address}:{e.Port.ToString(CultureInfo.InvariantCulture)}");
    }
}
