using System.Diagnostics;
using System.Net;

namespace Junction.Tests.Traffic.Harness;

/// <summary>
/// A real DNS server (dnsmasq) on a loopback address, answering the headless Service names
/// the generated <c>server-template</c> lines resolve. Records live in a hosts file that
/// <see cref="SetAsync"/> rewrites and re-reads with SIGHUP, as pod churn would change
/// a headless Service's answers in a cluster.
/// </summary>
internal sealed class DnsServer : IDisposable
{
    public const int Port = 15353;

    private readonly ChildProcess process;
    private readonly string hostsFile;
    private readonly Dictionary<string, IReadOnlyList<IPAddress>> records = new(StringComparer.OrdinalIgnoreCase);

    private DnsServer(ChildProcess process, string hostsFile, IPEndPoint endpoint)
    {
        this.process = process;
        this.hostsFile = hostsFile;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public static bool IsInstalled => Tools.Find("dnsmasq") is not null;

    public static async Task<DnsServer> StartAsync(IPAddress address, string directory, string clusterDomain, CancellationToken ct)
    {
        var hosts = Path.Combine(directory, "dns-hosts");
        await File.WriteAllTextAsync(hosts, "", ct);
        var process = ChildProcess.Start(Tools.Require("dnsmasq"),
        [
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
            $"--listen-address={address}", "--bind-interfaces", $"--port={Port}",
            $"--addn-hosts={hosts}", $"--local=/{clusterDomain}/", "--local-ttl=0",
            "--user=" + Environment.UserName, "--pid-file=", "--log-facility=-",
        ], directory);
        var server = new DnsServer(process, hosts, new IPEndPoint(address, Port));
        try
        {
            await server.WaitAnsweringAsync($"probe.{clusterDomain}", [], ct);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Sets the A records of one name (none removes it) and waits until the server answers them.</summary>
    public async Task SetAsync(string name, IReadOnlyList<IPAddress> addresses, CancellationToken ct)
    {
        records[name] = addresses;
        var lines = records.SelectMany(r => r.Value.Select(a => $"{a} {r.Key}"));
        var temp = hostsFile + ".tmp";
        await File.WriteAllLinesAsync(temp, lines, ct);
        File.Move(temp, hostsFile, overwrite: true);
        process.Signal("HUP");
        await WaitAnsweringAsync(name, addresses, ct);
    }

    private async Task WaitAnsweringAsync(string name, IReadOnlyList<IPAddress> expected, CancellationToken ct)
    {
        var want = expected.Select(a => a.ToString()).Order().ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (process.HasExited)
            {
                break;
            }

            var got = await DnsProbe.QueryAAsync(Endpoint, name, ct);
            if (got is not null && got.Select(a => a.ToString()).Order().SequenceEqual(want))
            {
                return;
            }

            await Task.Delay(50, ct);
        }

        throw new InvalidOperationException($"dnsmasq did not answer {name} with [{string.Join(", ", want)}]: {process.Describe()}");
    }

    public void Dispose() => process.Dispose();
}
