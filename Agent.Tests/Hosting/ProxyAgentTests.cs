using System.Diagnostics;
using System.Net.Security;
using Junction.Agent.Tests.Fakes;
using Xunit.Abstractions;

namespace Junction.Agent.Tests.Hosting;

/// <summary>The agent binary against a real HAProxy 2.6 and a fake operator, on loopback.</summary>
[Collection(AgentCollection.Name)]
public sealed class ProxyAgentTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly ITestOutputHelper output;

    public ProxyAgentTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [SkippableFact]
    public async Task FirstConfig_BecomesReadyOn15021AndAcksTheHashReadBack()
    {
        Skip.IfNot(HAProxyInstalled());
        await using var bed = await AgentBed.StartAsync(output);
        bed.StartAgent();
        await AgentBed.EventuallyAsync(bed.ReadinessAsync, s => s == 503, Within, "readiness 503 before any config");

        var bundle = bed.Bundle("1", "shop.example a\n");
        bed.Operator.Publish(bundle);

        var ack = await bed.Operator.WaitForReportAsync(r => r.Running == bundle.Hash, Within);
        Assert.Equal(bundle.Hash, ack.Attempted);
        Assert.Null(ack.Error);
        Assert.Equal("checkout-0", ack.Instance);
        Assert.Equal(bundle.Hash, (await bed.WorkerAsync())!.Hash);
        Assert.Equal(200, await AgentBed.EventuallyAsync(bed.ReadinessAsync, s => s == 200, Within, "readiness 200"));
        Assert.Equal("v=1 route=a", await Get(bed, "shop.example"));
        Assert.True(File.Exists(bed.Root + "/var/run/junction/identity/tls.pem"));
        Assert.Single(bed.Operator.IssuedSerials);
        Report(bed, "idle after the first config");

        Assert.Equal(0, await bed.StopAgentAsync());
        Assert.False(File.Exists(bed.Root + "/var/run/junction/master.sock") && await Answers(bed.MasterSocket));
    }

    [SkippableFact]
    public async Task SpecChange_ReloadsWithoutLosingARequestUnderLoad()
    {
        Skip.IfNot(HAProxyInstalled());
        await using var bed = await Running(output);
        var before = (await bed.WorkerAsync())!.Pid;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var loop = new LoadLoop();
        var next = bed.Bundle("2", "shop.example a\n", "http-response set-header x-version 2");
        var watch = new Stopwatch();
        await loop.RunAsync(() => GetWith(http, bed, "shop.example"), 300, TimeSpan.FromSeconds(20), async i =>
        {
            if (i == 50)
            {
                watch.Start();
                bed.Operator.Publish(next);
            }

            await Task.CompletedTask;
        });

        var ack = await bed.Operator.WaitForReportAsync(r => r.Running == next.Hash, Within);
        output.WriteLine("reload: ACK " + watch.ElapsedMilliseconds + " ms after publishing; " + loop.Sent + " requests, " + loop.Failed + " failed");
        Assert.Null(ack.Error);
        Assert.True(loop.Sent >= 100, "sent " + loop.Sent);
        Assert.Equal(0, loop.Failed);
        Assert.Contains("v=2 route=a", loop.Bodies);
        Assert.NotEqual(before, (await bed.WorkerAsync())!.Pid);
        Report(bed, "after a reload under load");
    }

    [SkippableFact]
    public async Task MapOnlyChange_AppliedWithoutReloadAndAcked()
    {
        Skip.IfNot(HAProxyInstalled());
        await using var bed = await Running(output);
        var worker = (await bed.WorkerAsync())!;
        var entries = string.Concat(Enumerable.Range(0, 2000).Select(i => "host" + i + ".example backend" + i + "\n"));
        var next = bed.Bundle("1", "shop.example b\n" + entries);
        var watch = Stopwatch.StartNew();
        bed.Operator.Publish(next);

        var ack = await bed.Operator.WaitForReportAsync(r => r.Running == next.Hash, Within);
        output.WriteLine("map-only: ACK " + watch.ElapsedMilliseconds + " ms after publishing (2001 entries)");
        Assert.Null(ack.Error);
        Assert.Equal("v=1 route=b", await Get(bed, "shop.example"));
        Assert.Equal("v=1 route=backend1999", await Get(bed, "host1999.example"));
        var after = (await bed.WorkerAsync())!;
        Assert.Equal(worker.Pid, after.Pid);
        Assert.Contains(bed.Lines, l => l.Contains("how=runtime-api", StringComparison.Ordinal));
        Assert.Equal(next.Files.Single(f => f.Name == "host.map").Content, File.ReadAllText(bed.Root + "/etc/junction/proxy/host.map"));
        Report(bed, "after a 2001-entry map change");
    }

    [SkippableFact]
    public async Task RefusedConfig_IsNackedWithHAProxysMessageWhileTheOldConfigServes()
    {
        Skip.IfNot(HAProxyInstalled());
        await using var bed = await Running(output);
        var good = bed.Operator.Reports.Last().Running;
        var bad = bed.Bundle("3", "shop.example a\n", "bogus_keyword_junction 1");
        bed.Operator.Publish(bad);

        var nack = await bed.Operator.WaitForReportAsync(r => r.Attempted == bad.Hash, Within);
        Assert.Equal(good, nack.Running);
        Assert.NotNull(nack.Error);
        Assert.Contains("unknown keyword 'bogus_keyword_junction'", nack.Error, StringComparison.Ordinal);
        Assert.Contains(bed.Root + "/etc/junction/proxy/haproxy.cfg", nack.Error, StringComparison.Ordinal);
        Assert.Equal("v=1 route=a", await Get(bed, "shop.example"));
        Assert.Equal(good, (await bed.WorkerAsync())!.Hash);
        Assert.DoesNotContain("bogus", File.ReadAllText(bed.Root + "/etc/junction/proxy/haproxy.cfg"), StringComparison.Ordinal);

        // The next good bundle is applied; the rejected one is not fetched over and over meanwhile.
        var polls = bed.Operator.ConfigRequests;
        await Task.Delay(1000);
        Assert.True(bed.Operator.ConfigRequests - polls <= 2, "config requests while nothing changed: " + (bed.Operator.ConfigRequests - polls));
        var fixedBundle = bed.Bundle("4", "shop.example a\n");
        bed.Operator.Publish(fixedBundle);
        var ack = await bed.Operator.WaitForReportAsync(r => r.Running == fixedBundle.Hash, Within);
        Assert.Null(ack.Error);
        Assert.Equal("v=4 route=a", await Get(bed, "shop.example"));
    }

    [SkippableFact]
    public async Task OperatorDown_KeepsServingRetriesAndRecovers()
    {
        Skip.IfNot(HAProxyInstalled());
        await using var bed = await Running(output);
        await bed.Operator.StopAsync();
        var loop = new LoadLoop();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await loop.RunAsync(() => GetWith(http, bed, "shop.example"), 200, TimeSpan.FromSeconds(6));
        Assert.Equal(0, loop.Failed);
        Assert.Equal(200, await bed.ReadinessAsync());
        Assert.Contains(bed.Lines, l => l.Contains("Failed to", StringComparison.Ordinal) && l.Contains("retryIn=", StringComparison.Ordinal));

        var next = bed.Bundle("5", "shop.example c\n");
        bed.Operator.Publish(next);
        await bed.Operator.StartAsync();
        var ack = await bed.Operator.WaitForReportAsync(r => r.Running == next.Hash, TimeSpan.FromSeconds(45));
        Assert.Null(ack.Error);
        Assert.Equal("v=5 route=c", await Get(bed, "shop.example"));
    }

    [SkippableFact]
    public async Task IdentityRenewal_UnderLoad_LosesNothing()
    {
        Skip.IfNot(HAProxyInstalled());
        await using var bed = await AgentBed.StartAsync(output, o => o.CertificateLifetime = TimeSpan.FromSeconds(6));
        bed.StartAgent();
        var bundle = bed.Bundle("1", "shop.example a\n", tls: true);
        bed.Operator.Publish(bundle);
        await bed.Operator.WaitForReportAsync(r => r.Running == bundle.Hash, Within);
        var worker = (await bed.WorkerAsync())!;

        var served = new HashSet<string>();
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // A resumed session does not show the server's current certificate.
                AllowTlsResume = false,
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    lock (served)
                    {
                        served.Add(cert!.GetSerialNumberString());
                    }

                    return true;
                },
            },
        };
        using var https = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var loop = new LoadLoop();
        await loop.RunAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:" + bed.TlsPort + "/");
                request.Headers.Host = "shop.example";
                request.Headers.ConnectionClose = true;
                using var response = await https.SendAsync(request);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            },
            1000,
            TimeSpan.FromSeconds(14));

        output.WriteLine("renewal: " + loop.Sent + " requests, " + loop.Failed + " failed, " + served.Count + " certificates served, " + bed.Operator.IssuedSerials.Count + " issued; first errors: " + string.Join(" | ", loop.Errors.Take(3)));
        Assert.Equal(0, loop.Failed);
        Assert.True(bed.Operator.IssuedSerials.Count >= 3, "issued " + bed.Operator.IssuedSerials.Count);
        Assert.True(served.Count >= 2, "served " + served.Count);
        Assert.Equal(worker.Pid, (await bed.WorkerAsync())!.Pid);
        Assert.Contains(bed.Lines, l => l.Contains("applied=runtime", StringComparison.Ordinal));
    }

    private static async Task<AgentBed> Running(ITestOutputHelper output)
    {
        var bed = await AgentBed.StartAsync(output);
        try
        {
            bed.StartAgent();
            var bundle = bed.Bundle("1", "shop.example a\n");
            bed.Operator.Publish(bundle);
            await bed.Operator.WaitForReportAsync(r => r.Running == bundle.Hash, Within);
            await AgentBed.EventuallyAsync(bed.ReadinessAsync, s => s == 200, Within, "readiness 200");
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> Get(AgentBed bed, string host)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await GetWith(http, bed, host);
    }

    private static async Task<string> GetWith(HttpClient http, AgentBed bed, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:" + bed.WebPort + "/");
        request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<bool> Answers(string socket)
    {
        try
        {
            await Junction.Agent.HAProxy.UnixCli.SendAsync(socket, "show proc", true, TimeSpan.FromSeconds(1), CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Report(AgentBed bed, string when)
    {
        var (rss, pss, peak) = bed.Memory();
        output.WriteLine("agent memory " + when + ": RSS " + rss + " KiB, PSS " + pss + " KiB, peak RSS " + peak + " KiB (" + (AgentBinary.IsNative ? "NativeAOT" : "JIT") + ")");
    }

    private static bool HAProxyInstalled() => File.Exists("/usr/sbin/haproxy") || File.Exists("/usr/bin/haproxy");
}
