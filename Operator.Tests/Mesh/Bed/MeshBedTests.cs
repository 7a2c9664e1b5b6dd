using Junction.Tests.Infrastructure;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>The bed itself, without sidecars: its network, DNS and ClusterIPs work, and it leaves nothing behind.</summary>
[Trait("Category", "Mesh")]
[Collection(SerialCollection.Name)]
public sealed class MeshBedTests
{
    [SkippableFact]
    public async Task UnmeshedBed_PodsReachServicesByNameClusterIpAndPodIp()
    {
        var reason = await MeshBed.UnavailableAsync();
        Skip.If(reason is not null, reason);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var bed = await MeshBed.StartAsync(new MeshBedOptions { WorkloadsFile = MeshFiles.Workloads, Sidecars = false }, limit.Token);
        var client = bed.Pod("client");

        // Short name through the pod's resolv.conf search list, then the ClusterIP DNAT to the pod.
        var byName = await client.CurlAsync("http://legacy/by-name", ct: limit.Token);
        Assert.True(byName.Status == 200, byName.ToString());
        Assert.Equal("legacy", byName.Field("version"));
        Assert.Equal("/by-name", byName.Field("path"));

        var byFqdn = await client.CurlAsync("http://checkout.shop.svc.cluster.local/fqdn", ct: limit.Token);
        Assert.True(byFqdn.Status == 200, byFqdn.ToString());
        Assert.Equal("v1", byFqdn.Field("version"));

        var byPodIp = await client.CurlAsync("http://10.77.0.12:8080/pod-ip", ct: limit.Token);
        Assert.Equal("v2", byPodIp.Field("version"));
        Assert.Equal(1, bed.App("checkout-v2").Hits("/pod-ip"));

        var tcp = await client.TcpExchangeAsync(bed.ClusterIp("legacy", 9000), "ping", 2, TimeSpan.FromSeconds(5), limit.Token);
        Assert.Equal("BANNER legacy\nlegacy:ping", tcp);

        // Names outside the bed are not answered: nothing is forwarded out of the bed's namespaces.
        var outside = await client.RunAsync(TimeSpan.FromSeconds(10), ["getent", "hosts", "example.com"], limit.Token);
        Assert.NotEqual(0, outside.ExitCode);
    }

    [SkippableFact]
    public async Task Dispose_RemovesEveryNamespaceDirectoryAndProcess()
    {
        var reason = await MeshBed.UnavailableAsync();
        Skip.If(reason is not null, reason);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var bed = await MeshBed.StartAsync(new MeshBedOptions { WorkloadsFile = MeshFiles.Workloads, Sidecars = false }, limit.Token);
        var prefix = MeshBed.NamePrefix + bed.RunId;
        Assert.Contains(bed.BridgeNetns, await NamespacesAsync(prefix));
        Assert.True(Directory.Exists(bed.Directory));

        await bed.DisposeAsync();

        Assert.Empty(await NamespacesAsync(prefix));
        Assert.False(Directory.Exists(bed.Directory));
        Assert.Empty(Directory.Exists("/etc/netns") ? Directory.GetDirectories("/etc/netns", prefix + "*") : []);
        Assert.DoesNotContain(bed.Log, l => l.StartsWith("cleanup", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task StartFailingHalfWay_RemovesWhatItHadMade()
    {
        var reason = await MeshBed.UnavailableAsync();
        Skip.If(reason is not null, reason);
        var mine = MeshBed.NamePrefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-";
        var before = await NamespacesAsync(mine);
        var directoriesBefore = Directory.GetDirectories(Path.GetTempPath(), mine + "*").Order(StringComparer.Ordinal).ToList();
        var broken = Path.Combine(Path.GetTempPath(), $"junction-broken-policy-{Guid.NewGuid():N}.yaml");
        // Invalid (11 retries): the render of the first sidecar fails after every namespace and app exists.
        await File.WriteAllTextAsync(broken, """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: checkout, namespace: shop}
            spec:
              targetRef: {name: checkout, port: 80}
              proxy: {mode: Sidecar}
              retry: {attempts: 11}
            """);
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await Assert.ThrowsAnyAsync<Exception>(() => MeshBed.StartAsync(new MeshBedOptions { WorkloadsFile = MeshFiles.Workloads, PolicyFiles = [broken] }, limit.Token));
        }
        finally
        {
            File.Delete(broken);
        }

        Assert.Equal(before, await NamespacesAsync(mine));
        Assert.Equal(directoriesBefore, Directory.GetDirectories(Path.GetTempPath(), mine + "*").Order(StringComparer.Ordinal).ToList());
    }

    private static async Task<List<string>> NamespacesAsync(string prefix)
    {
        var list = await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "list"]);
        return [.. list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }
}
