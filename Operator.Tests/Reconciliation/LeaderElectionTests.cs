using Junction.Tests.Infrastructure;
using System.Diagnostics;
using Junction.Hosting;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>Two operator instances against one API server.</summary>
[Collection(SerialCollection.Name)]
public sealed class LeaderElectionTests
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task TwoInstances_OnlyLeaderReconciles_StoppingItHandsOverWithinLease()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await cluster.Fixture.EnsureNamespaceAsync("junction-system", cancel.Token);
        var f = cluster.Fixture;
        await using var first = await cluster.StartOperatorAsync(cancel.Token, Options("first"));
        await f.WaitUntilAsync(_ => Task.FromResult(first.Host.IsLeader), cancel.Token);
        await using var second = await cluster.StartOperatorAsync(cancel.Token, Options("second"));

        await f.CreatePolicyWithBackendAsync("shop", "one", cancel.Token);
        await f.WaitForConditionAsync("shop", "one", "Programmed", "True", cancel.Token);

        // The counter moves after the reconcile returns, a moment after its status write is visible.
        await f.WaitUntilAsync(_ => Task.FromResult(Reconciles(first.Host) > 0), cancel.Token);
        Assert.False(second.Host.IsLeader);
        Assert.Equal(0, Reconciles(second.Host));

        var handover = Stopwatch.StartNew();
        await first.StopAsync();
        await f.WaitUntilAsync(_ => Task.FromResult(second.Host.IsLeader), cancel.Token);
        Assert.True(handover.Elapsed < LeaseDuration, $"handover took {handover.Elapsed}, lease duration is {LeaseDuration}");

        await f.CreatePolicyWithBackendAsync("shop", "two", cancel.Token);
        await f.WaitForConditionAsync("shop", "two", "Programmed", "True", cancel.Token);
        await f.WaitUntilAsync(_ => Task.FromResult(Reconciles(second.Host) > 0), cancel.Token);
    }

    private static OperatorOptions Options(string identity) => new()
    {
        LeaderElect = true,
        Identity = identity,
        LeaseDuration = LeaseDuration,
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(300),
        MetricsBindAddress = "0",
        HealthProbeBindAddress = "0",
    };

    private static double Reconciles(OperatorHost host)
    {
        var metrics = PrometheusText.Parse(host.Metrics.Render());
        return new[] { "success", "error", "requeue", "requeue_after" }
            .Sum(r => metrics.Value("controller_runtime_reconcile_total", ("controller", "trafficpolicy"), ("result", r)));
    }
}
