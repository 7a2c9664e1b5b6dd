using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Junction.Mesh.Identity;
using k8s.Models;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// One pod of the bed: its network namespace (a veth into the bed's bridge, the pod's address,
/// a route to the ClusterIP range), its file system root for the sidecar's files, its apps, and
/// for a meshed pod its identity and running sidecar.
/// </summary>
internal sealed class MeshPod
{
    private readonly Func<string, string, IPAddress?> resolve;

    public MeshPod(V1Pod spec, string netns, string root, Func<string, string, IPAddress?> resolve)
    {
        Spec = spec;
        Netns = netns;
        Root = root;
        this.resolve = resolve;
        Http = CreateHttpClient(TimeSpan.FromSeconds(10));
    }

    public V1Pod Spec { get; }

    public string Name => Spec.Metadata.Name;

    public string Namespace => BedWorkloads.NamespaceOf(Spec);

    public string ServiceAccount => BedWorkloads.ServiceAccount(Spec);

    public IPAddress Address => BedWorkloads.Address(Spec);

    public bool Meshed => BedWorkloads.IsMeshed(Spec);

    /// <summary>The name of the pod's network namespace (<c>ip netns exec &lt;Netns&gt; …</c>).</summary>
    public string Netns { get; }

    /// <summary>The directory standing for the pod's file system root (render's <c>--root</c>).</summary>
    public string Root { get; }

    /// <summary>Where the bundle lives: <c>&lt;root&gt;/etc/junction/proxy</c>.</summary>
    public string BundleDirectory => Path.Combine(Root, "etc/junction/proxy");

    /// <summary>Where tls.pem and ca.pem live: <c>&lt;root&gt;/var/run/junction/identity</c>.</summary>
    public string IdentityDirectory => Path.Combine(Root, "var/run/junction/identity");

    public WorkloadIdentity? Identity { get; internal set; }

    public MeshSidecar? Sidecar { get; internal set; }

    /// <summary>The policy files the running sidecar's bundle was rendered from.</summary>
    public IReadOnlyList<string> PolicyFiles { get; internal set; } = [];

    /// <summary>The HTTP apps by port.</summary>
    public Dictionary<int, PodApp> Apps { get; } = [];

    /// <summary>The TCP banner servers by port.</summary>
    public Dictionary<int, TcpBannerServer> TcpServers { get; } = [];

    /// <summary>
    /// An HTTP client whose connections are opened from inside the pod, as the pod's app would open
    /// them (so they are captured). Names resolve as the pod's resolv.conf would (the bed's records).
    /// </summary>
    public HttpClient Http { get; }

    public MeshSidecar RequireSidecar() => Sidecar ?? throw new InvalidOperationException($"pod {Name} has no sidecar");

    /// <summary>A client with its own connection pool, for load with many connections at once.</summary>
    public HttpClient CreateHttpClient(TimeSpan timeout, int maxConnectionsPerServer = int.MaxValue) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host;
                var address = IPAddress.TryParse(host, out var literal) ? literal : resolve(host, Namespace)
                    ?? throw new HttpRequestException($"{host} does not resolve in pod {Name}");
                var socket = await NetnsSocket.ConnectAsync(Netns, new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { Timeout = timeout };

    /// <summary>Runs a command inside the pod's namespace (as root), killed after <paramref name="limit"/>.</summary>
    public Task<CommandResult> RunAsync(TimeSpan limit, IReadOnlyList<string> command, CancellationToken ct = default) =>
        BedCommand.RunAsync(limit, ["ip", "netns", "exec", Netns, .. command], ct);

    /// <summary>
    /// curl from inside the pod (the pod's resolv.conf, routes and capture apply), at most
    /// <paramref name="maxSeconds"/>; extra arguments go before the URL (e.g. <c>-X POST</c>, <c>-H Host:x</c>).
    /// </summary>
    public async Task<CurlResult> CurlAsync(string url, double maxSeconds = 5, IReadOnlyList<string>? extra = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var result = await RunAsync(
            TimeSpan.FromSeconds(maxSeconds + 5),
            ["curl", "-sS", "--max-time", maxSeconds.ToString(CultureInfo.InvariantCulture), "-w", "\n%{http_code}", .. extra ?? [], url],
            ct);
        clock.Stop();
        var text = result.Stdout;
        var cut = text.LastIndexOf('\n');
        var status = cut >= 0 && int.TryParse(text[(cut + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        return new CurlResult(status, cut >= 0 ? text[..cut] : text, clock.Elapsed, result);
    }

    /// <summary>Opens a TCP connection from inside the pod, sends one line and reads until <paramref name="lines"/> lines came back.</summary>
    public async Task<string> TcpExchangeAsync(IPEndPoint target, string line, int lines, TimeSpan limit, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        using var socket = await NetnsSocket.ConnectAsync(Netns, target, timeout.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\n"), timeout.Token);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var received = new List<string>();
        while (received.Count < lines && await reader.ReadLineAsync(timeout.Token) is { } got)
        {
            received.Add(got);
        }

        return string.Join('\n', received);
    }

    public override string ToString() => $"{Namespace}/{Name} ({Address}, netns {Netns})";
}
