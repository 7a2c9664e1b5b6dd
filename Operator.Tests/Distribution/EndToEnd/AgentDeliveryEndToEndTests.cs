using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Junction.Api.V1Alpha1;
using Junction.HAProxy;
using Junction.Ir;
using Junction.Tests.HAProxy.Traffic.Harness;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace Junction.Tests.Distribution.EndToEnd;

/// <summary>
/// Agent delivery end to end: the operator against the embedded API server, one gateway replica
/// played by the real junction-agent and a real HAProxy, real traffic from a bounded load loop.
/// </summary>
[Collection(Infrastructure.SerialCollection.Name)]
public sealed partial class AgentDeliveryEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task SpecChange_ReachesTheRunningGatewayWithoutAPodChangeOrALostRequest_AndStatusCountsTheAck()
    {
        SkipUnlessReady();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var bed = await GatewayBed.StartAsync(output, cts.Token);
        await bed.CreatePolicyAsync(cts.Token);
        var proxy = await bed.StartProxyAsync(cts.Token);

        // (d) "1 of 1" from the agent's ACK of generation 1.
        var first = await bed.WaitForPolicyAsync(p => GatewayBed.Runs(p, 1), cts.Token);
        Assert.Equal(1, first.Status!.Proxy!.Instances);
        Assert.Equal($"1 of 1 proxy runs generation {first.Metadata.Generation}", first.Status.Proxy.Summary);
        var template = KubernetesJson.Serialize((await bed.GatewayDeploymentAsync(cts.Token)).Spec.Template);

        await using var load = GatewayLoad.Start(bed.GatewayUri);
        await load.WaitForAsync("v1", 50, Within);

        // (a) The route moves to v2: the running gateway takes it, nothing restarts.
        await bed.Fixture.UpdatePolicyAsync(GatewayBed.Namespace, GatewayBed.PolicyName, p => p.Spec.Routes![0].BackendRefs = [new BackendRef { Name = "checkout-v2", Port = 8080, Weight = 100 }], cts.Token);
        await load.WaitForAsync("v2", 200, Within);
        await load.StopAsync();
        output.WriteLine(bed.AgentMemory() + " after a reload under load");

        output.WriteLine($"load: {load.Sent} requests in {load.Elapsed.TotalSeconds:0.0}s, v1 {load.CountFrom("v1")}, v2 {load.CountFrom("v2")}, failed {load.Failures.Count}");
        Assert.Empty(load.Failures);
        Assert.All(load.Answers.TakeLast(100), a => Assert.Equal("v2", a.Backend));
        Assert.False(proxy.HasExited);
        Assert.Same(proxy, bed.Proxy);
        Assert.Equal(template, KubernetesJson.Serialize((await bed.GatewayDeploymentAsync(cts.Token)).Spec.Template));

        var second = await bed.WaitForPolicyAsync(p => p.Metadata.Generation > first.Metadata.Generation && GatewayBed.Runs(p, 1), cts.Token);
        Assert.Equal($"1 of 1 proxy runs generation {second.Metadata.Generation}", second.Status!.Proxy!.Summary);
        Assert.Contains(proxy.RecentOutput().Split('\n'), l => l.Contains("Applied bundle", StringComparison.Ordinal) && l.Contains("reload", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ConfigHAProxyRefuses_IsNackedAsProxyRejectedWithItsMessage_WhileTheOldConfigKeepsServing()
    {
        SkipUnlessReady();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var bed = await GatewayBed.StartAsync(output, cts.Token);
        await bed.CreatePolicyAsync(cts.Token);
        var proxy = await bed.StartProxyAsync(cts.Token);
        var first = await bed.WaitForPolicyAsync(p => GatewayBed.Runs(p, 1), cts.Token);

        // Another process of the pod already holds the (abstract) socket the next config's mirror
        // frontend listens on: `haproxy -c` passes, the reload cannot bind, and only the proxy can tell.
        var mirrorSocket = HAProxyNames.TriesSocket(new HAProxyGlobalOptions(), "mi_" + ProxyNames.Prefix(GatewayBed.Namespace, GatewayBed.PolicyName) + ":checkout-v2:8080");
        using var squatter = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        // HAProxy's abns@ names fill the whole sun_path with NULs (108 bytes); outside a pod the agent
        // appends the replica's address to them (pods have a network namespace each, this machine one).
        squatter.Bind(new UnixDomainSocketEndPoint(("\0" + mirrorSocket + "-" + bed.ProxyAddress).PadRight(108, '\0')));
        squatter.Listen();
        await using var load = GatewayLoad.Start(bed.GatewayUri);
        await load.WaitForAsync("v1", 20, Within);
        await bed.Fixture.UpdatePolicyAsync(GatewayBed.Namespace, GatewayBed.PolicyName, p => p.Spec.Routes![0].Filters =
        [
            new RouteFilter { Type = FilterTypes.RequestMirror, RequestMirror = new RequestMirror { BackendRef = new ServiceReference { Name = "checkout-v2", Port = 8080 } } },
        ], cts.Token);

        var rejected = await bed.WaitForPolicyAsync(p => p.Metadata.Generation > first.Metadata.Generation && GatewayBed.Condition(p, "Programmed")?.Reason == "ProxyRejected", cts.Token);
        await load.WaitForAsync("v1", load.CountFrom("v1") + 50, Within);
        await load.StopAsync();

        var programmed = GatewayBed.Condition(rejected, "Programmed")!;
        output.WriteLine($"Programmed: {programmed.Message}");
        output.WriteLine($"load: {load.Sent} requests in {load.Elapsed.TotalSeconds:0.0}s, v1 {load.CountFrom("v1")}, failed {load.Failures.Count}");
        Assert.Equal("False", programmed.Status);
        Assert.Contains("cannot bind UNIX socket (already in use)", programmed.Message, StringComparison.Ordinal);
        var config = (await bed.Cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-proxy", GatewayBed.Namespace, cancellationToken: cts.Token)).Data["haproxy.cfg"];
        Assert.Contains("bind abns@" + mirrorSocket, config, StringComparison.Ordinal);
        Assert.Contains($"rejected the config of generation {rejected.Metadata.Generation}", programmed.Message, StringComparison.Ordinal);
        Assert.NotEqual("True", GatewayBed.Condition(rejected, "Ready")?.Status);
        // The previous generation still runs, and serves every request of the loop.
        Assert.Equal(0, rejected.Status!.Proxy!.Current);
        Assert.Empty(load.Failures);
        Assert.All(load.Answers, a => Assert.Equal("v1", a.Backend));
        Assert.False(proxy.HasExited);
        Assert.Contains(proxy.RecentOutput().Split('\n'), l => l.Contains("Rejected bundle", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task SidecarPolicy_CountsTheCoveredPodsSidecarsFromTheirAcks_AndASpecChangeReachesThemInPlace()
    {
        SkipUnlessReady();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var bed = await GatewayBed.StartAsync(output, cts.Token);
        await bed.CreatePolicyAsync(cts.Token, p =>
        {
            p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar };
            p.Spec.Routes = null;
        });
        var a = await bed.StartSidecarAsync("checkout-7d9f-a", "checkout", 21, cts.Token);
        var b = await bed.StartSidecarAsync("checkout-7d9f-b", "checkout", 22, cts.Token);

        var first = await bed.WaitForPolicyAsync(p => GatewayBed.Runs(p, 2), cts.Token);
        output.WriteLine("Ready: " + GatewayBed.Condition(first, "Ready")!.Message);
        Assert.Equal(2, first.Status!.Proxy!.Instances);
        Assert.Equal(2, first.Status.Proxy.Sidecars);
        Assert.Equal($"2 of 2 proxies run generation {first.Metadata.Generation}", first.Status.Proxy.Summary);

        // A new generation reaches the running sidecars; both report it.
        await bed.Fixture.UpdatePolicyAsync(GatewayBed.Namespace, GatewayBed.PolicyName, p => p.Spec.Timeouts = new Timeouts { Request = "7s" }, cts.Token);
        var second = await bed.WaitForPolicyAsync(p => p.Metadata.Generation > first.Metadata.Generation && GatewayBed.Runs(p, 2), cts.Token);
        Assert.Equal($"2 of 2 proxies run generation {second.Metadata.Generation}", second.Status!.Proxy!.Summary);
        Assert.False(a.HasExited);
        Assert.False(b.HasExited);
        Assert.Contains(a.RecentOutput().Split('\n'), l => l.Contains("Applied bundle", StringComparison.Ordinal) && !l.Contains("how=start", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ProxyThatDisappears_StopsCountingAndTurnsUnknownAfterTheTimeout()
    {
        SkipUnlessReady();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var timeout = TimeSpan.FromSeconds(4);
        await using var bed = await GatewayBed.StartAsync(output, cts.Token, reportTimeout: timeout);
        await bed.CreatePolicyAsync(cts.Token);
        var proxy = await bed.StartProxyAsync(cts.Token, heartbeat: TimeSpan.FromSeconds(1));
        var live = await bed.WaitForPolicyAsync(p => GatewayBed.Runs(p, 1), cts.Token);

        // Heartbeats keep it counted past the timeout.
        await Task.Delay(timeout * 1.5, cts.Token);
        Assert.Equal(1, (await bed.Fixture.ReadPolicyAsync(GatewayBed.Namespace, GatewayBed.PolicyName, cts.Token)).Status!.Proxy!.Current);

        await proxy.KillAsync();
        var killed = DateTime.UtcNow;
        var gone = await bed.WaitForPolicyAsync(p => p.Status?.Proxy?.Unknown == 1, cts.Token);
        var after = DateTime.UtcNow - killed;
        output.WriteLine($"unknown {after.TotalSeconds:0.0}s after the kill: {gone.Status!.Proxy!.Summary}");
        Assert.Equal(0, gone.Status.Proxy.Current);
        Assert.Equal($"0 of 1 proxy runs generation {live.Metadata.Generation}, 1 unknown", gone.Status.Proxy.Summary);
        Assert.NotEqual("True", GatewayBed.Condition(gone, "Ready")?.Status);
        Assert.InRange(after, timeout - TimeSpan.FromSeconds(2), timeout + TimeSpan.FromSeconds(20));
    }

    [SkippableFact]
    public async Task IdentityRenewedUnderLoad_LosesNoRequest()
    {
        SkipUnlessReady();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        // Renewed at two thirds of the lifetime: about every 6 s.
        await using var bed = await GatewayBed.StartAsync(output, cts.Token, identityLifetime: TimeSpan.FromSeconds(9));
        await bed.CreatePolicyAsync(cts.Token);
        var proxy = await bed.StartProxyAsync(cts.Token);
        await bed.WaitForPolicyAsync(p => p.Status?.Proxy?.Current == 1, cts.Token);
        var certificate = Path.Combine(proxy.Root, "var/run/junction/identity/tls.pem");
        var firstSerial = Serial(await File.ReadAllTextAsync(certificate, cts.Token));

        await using var load = GatewayLoad.Start(bed.GatewayUri, maxDuration: TimeSpan.FromSeconds(60));
        var renewals = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (renewals < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, cts.Token);
            renewals = RenewedLine().Count(proxy.RecentOutput());
        }

        await load.WaitForAsync("v1", load.CountFrom("v1") + 50, Within);
        await load.StopAsync();
        output.WriteLine($"{renewals} renewals; load: {load.Sent} requests in {load.Elapsed.TotalSeconds:0.0}s, failed {load.Failures.Count}");
        Assert.True(renewals >= 2, "two renewals within 45 s:\n" + proxy.RecentOutput());
        Assert.NotEqual(firstSerial, Serial(await File.ReadAllTextAsync(certificate, cts.Token)));
        Assert.Empty(load.Failures);
        Assert.False(proxy.HasExited);
        Assert.Equal(1, (await bed.Fixture.ReadPolicyAsync(GatewayBed.Namespace, GatewayBed.PolicyName, cts.Token)).Status!.Proxy!.Current);
    }

    private static string Serial(string pem)
    {
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        return leaf.SerialNumber;
    }

    private static void SkipUnlessReady()
    {
        Skip.IfNot(HAProxyInstance.IsInstalled, "haproxy is not installed");
        Skip.If(GatewayBed.AgentBinary() is null, GatewayBed.AgentMissing);
    }

    [GeneratedRegex("Renewed identity")]
    private static partial Regex RenewedLine();
}
