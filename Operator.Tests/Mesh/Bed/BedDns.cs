using System.Diagnostics;
using System.Net;
using Junction.Tests.HAProxy.Traffic.Harness;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// dnsmasq inside the bridge namespace on port 53, the pods' nameserver (their resolv.conf) and
/// the sidecars' (<c>--nameserver</c>). It answers A records from a hosts file that
/// <see cref="SetAsync"/> rewrites and re-reads with SIGHUP; names under the cluster domain it does
/// not know are NXDOMAIN and nothing is forwarded anywhere.
/// </summary>
internal sealed class BedDns : IDisposable
{
    private readonly string netns;
    private readonly string hostsFile;
    private readonly Dictionary<string, IReadOnlyList<IPAddress>> records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChildProcess process;

    private BedDns(string netns, IPAddress address, string hostsFile, ChildProcess process)
    {
        this.netns = netns;
        Address = address;
        this.hostsFile = hostsFile;
        this.process = process;
    }

    public IPAddress Address { get; }

    /// <summary>As HAProxy's <c>resolvers</c> and render's <c>--nameserver</c> take it.</summary>
    public string Nameserver => $"{Address}:53";

    public IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Records => records;

    public static async Task<BedDns> StartAsync(string netns, IPAddress address, string directory, string clusterDomain, CancellationToken ct)
    {
        var hosts = Path.Combine(directory, "dns-hosts");
        await File.WriteAllTextAsync(hosts, "", ct);
        // Runs as root, whom the test already is: dnsmasq would drop to nobody, who cannot read the temp directory.
        var process = ChildProcess.Start(
            "ip",
            [
                "netns", "exec", netns, Tools.Require("dnsmasq"),
                "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll",
                $"--listen-address={address}", "--bind-interfaces", "--port=53", "--user=root",
                $"--addn-hosts={hosts}", $"--local=/{clusterDomain}/", "--local-ttl=0", "--pid-file=", "--log-facility=-",
            ],
            directory);
        return new BedDns(netns, address, hosts, process);
    }

    /// <summary>Replaces the A records of the given names (others stay) and waits until dnsmasq answers the new ones.</summary>
    public async Task SetAsync(IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> names, CancellationToken ct)
    {
        foreach (var (name, addresses) in names)
        {
            records[name] = addresses;
        }

        var temp = hostsFile + ".tmp";
        await File.WriteAllLinesAsync(temp, records.SelectMany(r => r.Value.Select(a => $"{a} {r.Key}")), ct);
        File.Move(temp, hostsFile, overwrite: true);
        process.Signal("HUP");
        foreach (var (name, addresses) in names)
        {
            await WaitAnsweringAsync(name, addresses, ct);
        }
    }

    public void Dispose() => process.Dispose();

    private async Task WaitAnsweringAsync(string name, IReadOnlyList<IPAddress> expected, CancellationToken ct)
    {
        var want = expected.Select(a => a.ToString()).Order().ToList();
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
        {
            // The query leaves from the bridge namespace, as the pods' do, through the real resolver path.
            var answer = await BedCommand.RunAsync(TimeSpan.FromSeconds(3), ["ip", "netns", "exec", netns, "getent", "ahostsv4", name + "."], ct);
            last = answer.ToString();
            var got = answer.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Distinct().Order().ToList();
            if (got.SequenceEqual(want))
            {
                return;
            }

            await Task.Delay(50, ct);
        }

        throw new InvalidOperationException($"dnsmasq did not answer {name} with [{string.Join(", ", want)}]; last lookup: {last}\n{process.Describe()}");
    }
}
