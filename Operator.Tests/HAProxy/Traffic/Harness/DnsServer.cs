using System.Diagnostics;
using System.Net;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>
/// A real DNS server (dnsmasq) on a loopback address, answering the headless Service names the
/// generated <c>server-template</c> lines resolve. A records live in a hosts file that
/// <see cref="SetAddressesAsync"/> rewrites and re-reads with SIGHUP, as pod churn changes a
/// headless Service's answers in a cluster, without touching the proxy. SRV records (named
/// ports) are command-line options, which dnsmasq reads only at start, so
/// <see cref="SetServicesAsync"/> restarts it on the same address.
/// </summary>
internal sealed class DnsServer : IDisposable
{
    public const int Port = 15353;

    private readonly string directory;
    private readonly string hostsFile;
    private readonly string clusterDomain;
    private readonly Dictionary<string, IReadOnlyList<IPAddress>> addresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<SrvTarget>> services = new(StringComparer.OrdinalIgnoreCase);
    private ChildProcess? process;

    private DnsServer(IPEndPoint endpoint, string directory, string clusterDomain)
    {
        Endpoint = endpoint;
        this.directory = directory;
        this.clusterDomain = clusterDomain;
        hostsFile = Path.Combine(directory, "dns-hosts");
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The nameserver as HAProxy's <c>resolvers</c> section names it.</summary>
    public string Nameserver => $"{Endpoint.Address}:{Endpoint.Port}";

    public static bool IsInstalled => Tools.Find("dnsmasq") is not null;

    public static async Task<DnsServer> StartAsync(IPAddress address, string directory, string clusterDomain, CancellationToken ct)
    {
        var server = new DnsServer(new IPEndPoint(address, Port), directory, clusterDomain);
        try
        {
            await server.WriteHostsAsync(ct);
            await server.RestartAsync(ct);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Sets the A records of one name (none removes it) and waits until the server answers them.</summary>
    public async Task SetAddressesAsync(string name, IReadOnlyList<IPAddress> values, CancellationToken ct)
    {
        addresses[name] = values;
        await WriteHostsAsync(ct);
        Running.Signal("HUP");
        await WaitAnsweringAsync(name, values, ct);
    }

    /// <summary>Sets the SRV records of one name, and the A record of each target, then restarts.</summary>
    public async Task SetServicesAsync(string name, IReadOnlyList<SrvTarget> targets, CancellationToken ct)
    {
        services[name] = targets;
        foreach (var t in targets)
        {
            addresses[t.Host] = [t.Address];
        }

        await WriteHostsAsync(ct);
        await RestartAsync(ct);
        foreach (var t in targets)
        {
            await WaitAnsweringAsync(t.Host, [t.Address], ct);
        }
    }

    public void Dispose() => process?.Dispose();

    private ChildProcess Running => process ?? throw new InvalidOperationException("dnsmasq is not running");

    private async Task RestartAsync(CancellationToken ct)
    {
        process?.Dispose();
        List<string> args =
        [
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
            $"--listen-address={Endpoint.Address}", "--bind-interfaces", $"--port={Endpoint.Port}",
            $"--addn-hosts={hostsFile}", $"--local=/{clusterDomain}/", "--local-ttl=0",
            "--user=" + Environment.UserName, "--pid-file=", "--log-facility=-",
        ];
        // Priority 0 and weight 100/n as CoreDNS answers for a headless Service: HAProxy turns the
        // SRV weight into the server weight, and weight 0 (dnsmasq's default) would mean no traffic.
        args.AddRange(services.SelectMany(s => s.Value.Select(t => $"--srv-host={s.Key},{t.Host},{t.Port},0,{100 / s.Value.Count}")));
        process = ChildProcess.Start(Tools.Require("dnsmasq"), args, directory);
        await WaitAnsweringAsync($"probe.{clusterDomain}", [], ct);
    }

    private async Task WriteHostsAsync(CancellationToken ct)
    {
        var lines = addresses.SelectMany(r => r.Value.Select(a => $"{a} {r.Key}"));
        var temp = hostsFile + ".tmp";
        await File.WriteAllLinesAsync(temp, lines, ct);
        File.Move(temp, hostsFile, overwrite: true);
    }

    private async Task WaitAnsweringAsync(string name, IReadOnlyList<IPAddress> expected, CancellationToken ct)
    {
        var want = expected.Select(a => a.ToString()).Order().ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5) && !Running.HasExited)
        {
            var got = await DnsProbe.QueryAAsync(Endpoint, name, ct);
            if (got is not null && got.Select(a => a.ToString()).Order().SequenceEqual(want))
            {
                return;
            }

            await Task.Delay(50, ct);
        }

        throw new InvalidOperationException($"dnsmasq did not answer {name} with [{string.Join(", ", want)}]: {Running.Describe()}");
    }
}
