using System.Diagnostics;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>Traffic to the un-meshed legacy pod, which no policy covers, leaves the client's sidecar untouched (HTTP and TCP).</summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshPassThroughTests(MeshBedFixture fixture)
{
    [SkippableFact]
    public async Task HttpToAnUncoveredService_PassesThroughInPlainText()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("routing.yaml")]);
        bed.ClearRequests();
        var before = SidecarStats.BackendSessions(await bed.AdminAsync("client", "show stat"), "passthrough");

        var byName = await bed.Pod("client").CurlAsync("http://legacy/old/api", extra: ["-H", "X-Trace: 42"]);
        var byPodIp = await bed.Pod("client").CurlAsync("http://10.77.0.20:8080/direct");

        Assert.True(byName.Status == 200, byName.ToString());
        Assert.Equal("legacy", byName.Field("version"));
        Assert.Equal("/old/api", byName.Field("path"));
        Assert.Equal("", byName.Field("xfcc"));
        Assert.True(byPodIp.Status == 200, byPodIp.ToString());
        var seen = bed.App("legacy").Requests;
        Assert.Equal(["/old/api", "/direct"], seen.Select(r => r.Path));
        Assert.Equal("42", seen[0].Header("X-Trace"));
        // The client's connection really went through its sidecar: the sidecar counted it.
        var stats = await bed.AdminAsync("client", "show stat");
        Assert.True(SidecarStats.BackendSessions(stats, "passthrough") >= before + 2, stats);
    }

    [SkippableFact]
    public async Task NonHttpTcp_PassesThroughToTheLegacyServer()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("routing.yaml")]);
        var legacy = bed.Pod("legacy").TcpServers[9000];
        var before = legacy.Connections;

        var clock = Stopwatch.StartNew();
        var byClusterIp = await bed.Pod("client").TcpExchangeAsync(bed.ClusterIp("legacy", 9000), "ping", 2, TimeSpan.FromSeconds(5));
        var byPodIp = await bed.Pod("client").TcpExchangeAsync(new(System.Net.IPAddress.Parse("10.77.0.20"), 9000), "hello", 2, TimeSpan.FromSeconds(5));
        clock.Stop();

        Assert.Equal("BANNER legacy\nlegacy:ping", byClusterIp);
        Assert.Equal("BANNER legacy\nlegacy:hello", byPodIp);
        Assert.Equal(before + 2, legacy.Connections);
        // Not HTTP is decided from the first bytes, not by waiting out the sniffing delay twice.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
