using Junction.Distribution;
using Junction.Reconciliation;
using Junction.Tests.Distribution;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>Counting what proxies report into "N of M proxies run generation G", over fake reports and a fake clock.</summary>
public sealed class ProxyAcksTests
{
    private static readonly ProxyKey Gateway = new(ProxyKind.Gateway, "shop", "checkout-proxy");
    private static readonly PolicyGeneration Seven = new("shop", "checkout", 7);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly FakeProxyReports reports;

    public ProxyAcksTests()
    {
        reports = new FakeProxyReports(time);
        reports.Served("h6", Seven with { Generation = 6 });
        reports.Served("h7", Seven);
    }

    [Fact]
    public void Of_EveryReplicaRunsTheGeneration_AllCurrent()
    {
        Replicas("h7", "h7", "h7");

        var acks = ProxyAcks.Of(GatewayScope(3), reports, Seven);

        Assert.True(acks.AllCurrent);
        Assert.Equal("3 of 3 proxies run generation 7", acks.Summary);
        Assert.Null(acks.Rejected);
    }

    [Fact]
    public void Of_OneReplicaRunsAnOlderGeneration_NotCurrent()
    {
        Replicas("h7", "h6", "h7");

        var acks = ProxyAcks.Of(GatewayScope(3), reports, Seven);

        Assert.False(acks.AllCurrent);
        Assert.Equal((2, 0), (acks.Current, acks.Unknown));
        Assert.Equal("2 of 3 proxies run generation 7", acks.Summary);
    }

    [Fact]
    public void Of_OneReplicaSilentPastTheTimeout_UnknownNotCurrent()
    {
        Replicas("h7", "h7", "h7");
        time.Advance(TimeSpan.FromSeconds(60));
        reports.Report(Gateway, "pod-0", "h7");
        reports.Report(Gateway, "pod-1", "h7");
        time.Advance(TimeSpan.FromSeconds(31));

        var acks = ProxyAcks.Of(GatewayScope(3), reports, Seven);

        Assert.False(acks.AllCurrent);
        Assert.Equal("2 of 3 proxies run generation 7, 1 unknown", acks.Summary);
    }

    [Fact]
    public void Of_ReplicaNacksTheCurrentBundle_RejectedWithHAProxyMessage()
    {
        Replicas("h7", "h7");
        time.Advance(TimeSpan.FromSeconds(1));
        reports.Report(Gateway, "pod-2", "h6", attempted: "h7", error: "[ALERT] config : parsing error");

        var acks = ProxyAcks.Of(GatewayScope(3), reports, Seven);

        Assert.Equal(new ProxyRejection("pod-2", "[ALERT] config : parsing error", OfCurrentGeneration: true), acks.Rejected);
        Assert.Equal(2, acks.Current);
    }

    [Fact]
    public void Of_NackOfAnOlderBundleOnly_RejectedButNotOfTheCurrentGeneration()
    {
        reports.Report(Gateway, "pod-0", "h7", attempted: "h6", error: "[ALERT] old");

        var acks = ProxyAcks.Of(GatewayScope(1), reports, Seven);

        Assert.False(acks.Rejected!.OfCurrentGeneration);
        Assert.True(acks.AllCurrent);
    }

    [Fact]
    public void Of_ZeroInstances_NeverAllCurrent()
    {
        var acks = ProxyAcks.Of(GatewayScope(0), reports, Seven);

        Assert.False(acks.AllCurrent);
        Assert.Equal("0 of 0 proxies run generation 7", acks.Summary);
    }

    [Fact]
    public void Of_MoreLiveReplicasThanDesiredDuringARollout_CurrentCappedAtDesired()
    {
        Replicas("h7", "h7", "h7");

        var acks = ProxyAcks.Of(GatewayScope(2), reports, Seven);

        Assert.Equal("2 of 2 proxies run generation 7", acks.Summary);
    }

    [Fact]
    public void Of_SidecarScope_CountsOnlyTheCoveredPods()
    {
        var sidecar = new ProxyKey(ProxyKind.Sidecar, "shop", "checkout");
        reports.Report(sidecar, "covered-0", "h7");
        reports.Report(sidecar, "elsewhere", "h7");
        var scope = new ProxyScope([sidecar], 2, new HashSet<string>(["covered-0", "covered-1"]), "sidecars");

        var acks = ProxyAcks.Of(scope, reports, Seven);

        Assert.Equal("1 of 2 proxies run generation 7", acks.Summary);
    }

    [Fact]
    public void Of_OneInstance_SummaryInTheSingular()
    {
        Replicas("h7");

        Assert.Equal("1 of 1 proxy runs generation 7", ProxyAcks.Of(GatewayScope(1), reports, Seven).Summary);
    }

    private static ProxyScope GatewayScope(int replicas) => new([Gateway], replicas, null, "replicas of Deployment shop/checkout-proxy");

    private void Replicas(params string[] running)
    {
        for (var i = 0; i < running.Length; i++)
        {
            reports.Report(Gateway, $"pod-{i}", running[i]);
        }
    }
}
