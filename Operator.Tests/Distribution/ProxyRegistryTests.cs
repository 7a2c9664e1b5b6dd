using Junction.Distribution;
using Junction.Runtime.Metrics;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Distribution;

public sealed class ProxyRegistryTests : IDisposable
{
    private static readonly ProxyKey Gateway = new(ProxyKind.Gateway, "shop", "checkout-proxy");
    private static readonly PolicyGeneration Generation7 = new("shop", "checkout", 7);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly MetricsRegistry prometheus = new();
    private readonly DistributionMetrics metrics;
    private readonly BundleLedger ledger = new();
    private readonly PropagationTracker propagation;
    private readonly ProxyRegistry registry;
    private readonly List<ProxyKey> changed = [];

    public ProxyRegistryTests()
    {
        metrics = new DistributionMetrics(prometheus);
        propagation = new PropagationTracker(ledger, metrics, time);
        registry = new ProxyRegistry(ledger, metrics, propagation, time, new ProxyRegistryOptions { MaxInstancesPerProxy = 3 });
        registry.Changed += changed.Add;
    }

    public void Dispose() => registry.Dispose();

    [Fact]
    public void Record_NewInstance_LiveAndChanged()
    {
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);

        var live = Assert.Single(registry.For(Gateway).Live);
        Assert.Equal(new ProxyInstanceReport(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null, time.GetUtcNow()), live);
        Assert.Equal([Gateway], changed);
        Assert.Equal(1, metrics.Connected.WithLabels("gateway").Value);
    }

    [Fact]
    public void Record_SameReportAgain_NoChangeRaised()
    {
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);
        time.Advance(TimeSpan.FromSeconds(30));
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);

        Assert.Single(changed);
        Assert.Equal(time.GetUtcNow(), Assert.Single(registry.For(Gateway).Live).LastSeen);
    }

    [Fact]
    public void Record_NackRepeatedByHeartbeats_CountedOnce()
    {
        Assert.True(registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "bad config"));
        Assert.False(registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "bad config"));
        Assert.True(registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "cccccccccccccccc", "bad config"));

        Assert.Equal(2, metrics.Nacks.WithLabels("gateway").Value);
    }

    [Fact]
    public void For_SilentPastNinetySeconds_SilentAndChangedBySweep()
    {
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);
        time.Advance(TimeSpan.FromSeconds(60));
        registry.Record(Gateway, "pod-b", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);
        changed.Clear();

        time.Advance(TimeSpan.FromSeconds(31));

        var snapshot = registry.For(Gateway);
        Assert.Equal("pod-b", Assert.Single(snapshot.Live).Instance);
        Assert.Equal("pod-a", Assert.Single(snapshot.Silent).Instance);
        Assert.Equal([Gateway], changed);
        Assert.Equal(1, metrics.Connected.WithLabels("gateway").Value);
    }

    [Fact]
    public void Record_SilentInstanceReportsAgain_LiveAndChanged()
    {
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);
        time.Advance(TimeSpan.FromSeconds(95));
        changed.Clear();

        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);

        Assert.Single(registry.For(Gateway).Live);
        Assert.Equal([Gateway], changed);
    }

    [Fact]
    public void Sweep_SilentForAnHour_Forgotten()
    {
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(10));

        var snapshot = registry.For(Gateway);
        Assert.Empty(snapshot.Live);
        Assert.Empty(snapshot.Silent);
    }

    [Fact]
    public void Record_BeyondTheInstanceBound_ForgetsTheLeastRecentlySeen()
    {
        foreach (var pod in new[] { "pod-a", "pod-b", "pod-c", "pod-d" })
        {
            registry.Record(Gateway, pod, null, null, null);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["pod-b", "pod-c", "pod-d"], registry.For(Gateway).Live.Select(i => i.Instance).ToList());
    }

    [Fact]
    public void Propagation_EveryLiveInstanceRunsTheGeneration_ObservedOnce()
    {
        propagation.Published(Gateway, [Generation7]);
        ledger.Record(Gateway, "aaaaaaaaaaaaaaaa", [Generation7]);
        time.Advance(TimeSpan.FromMilliseconds(120));
        registry.Record(Gateway, "pod-b", "0000000000000000", "aaaaaaaaaaaaaaaa", "refused");
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);
        var series = metrics.Propagation.WithLabels("shop", "checkout");
        Assert.Equal(0, series.Count);

        time.Advance(TimeSpan.FromMilliseconds(80));
        registry.Record(Gateway, "pod-b", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);
        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", "later heartbeat with an error");

        Assert.Equal(1, series.Count);
        Assert.Equal(0.2, PrometheusText.Parse(prometheus.Render()).Value("junction_policy_propagation_seconds_sum", ("namespace", "shop"), ("policy", "checkout")), 3);
        Assert.Equal(0, propagation.PendingCount);
    }

    [Fact]
    public void Propagation_NewerGenerationFirst_OlderIgnored()
    {
        propagation.Published(Gateway, [Generation7 with { Generation = 8 }]);
        propagation.Published(Gateway, [Generation7]);
        ledger.Record(Gateway, "aaaaaaaaaaaaaaaa", [Generation7]);

        registry.Record(Gateway, "pod-a", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", null);

        Assert.Equal(0, metrics.Propagation.WithLabels("shop", "checkout").Count);
        Assert.Equal(1, propagation.PendingCount);
    }
}
