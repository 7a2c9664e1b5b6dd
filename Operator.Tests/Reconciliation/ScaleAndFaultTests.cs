using Junction.Tests.Infrastructure;
using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Hosting;
using k8s;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>Many policies: no wasted writes once converged, and convergence through injected faults.</summary>
[Collection(SerialCollection.Name)]
public sealed class ScaleAndFaultTests
{
    [Fact]
    public async Task Resync_ThousandConvergedPolicies_MakesNoWrites()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        var options = new OperatorOptions { Workers = 8, MetricsBindAddress = "0", HealthProbeBindAddress = "0" };
        await using (var first = await cluster.StartOperatorAsync(cancel.Token, options))
        {
            // One in ten runs a gateway (ConfigMap, Services, Deployment): the kinds the API server defaults most.
            await cluster.CreateManyAsync("bulk", 1000, cancel.Token, gatewayEvery: 10);
            await cluster.WaitForAllProgrammedAsync("bulk", 1000, cancel.Token);
        }

        cluster.Server.Requests.Reset();
        await using var second = await cluster.StartOperatorAsync(cancel.Token, options);

        // A fresh operator lists everything and reconciles every policy once: a full resync from scratch.
        await cluster.Fixture.WaitUntilAsync(_ => Task.FromResult(IsIdleAfter(second.Host, 1000)), cancel.Token);
        var writes = cluster.Server.Requests.All.Where(r => r.Verb is not ("get" or "list" or "watch")).ToList();
        Assert.True(writes.Count == 0, "writes after resync: " + string.Join(", ", writes.GroupBy(w => $"{w.Verb} {w.Resource} {w.StatusCode}").Select(g => $"{g.Key} x{g.Count()}")) + " e.g. " + string.Join(" ", writes.Take(3).Select(w => $"{w.Namespace}/{w.Name}")));
    }

    [Fact]
    public async Task Faults_TwoHundredPoliciesUnderFailingWritesAndDroppedWatches_AllConverge()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token, new OperatorOptions { Workers = 8, MetricsBindAddress = "0", HealthProbeBindAddress = "0" });
        using var stopChaos = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var chaos = Task.WhenAll(FailOneWriteInFiveAsync(cluster, stopChaos.Token), DropWatchesAsync(cluster, stopChaos.Token));

        await cluster.CreateManyAsync("chaos", 200, cancel.Token);
        await cluster.WaitForAllProgrammedAsync("chaos", 200, cancel.Token);
        await stopChaos.CancelAsync();
        await chaos;
        cluster.Server.Faults.Clear();

        var children = await cluster.ChildrenAsync("chaos", cancel.Token);
        var deployments = children.Where(c => c.Kind == "Deployment").Select(c => c.Metadata.Name).ToList();
        Assert.Equal(200, deployments.Count);
        Assert.Equal(200, deployments.Distinct().Count());
        Assert.Equal(200, children.Count(c => c.Kind == "Ingress"));
        Assert.Equal(200, children.Count(c => c.Kind == "ConfigMap"));
        Assert.All(children, c => Assert.Single(c.Metadata.OwnerReferences));
    }

    [Fact]
    public async Task WatchGone_DeletesWhileDisconnected_RelistDropsThemFromCache()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        await cluster.CreateManyAsync("gone", 20, cancel.Token);
        await cluster.WaitForAllProgrammedAsync("gone", 20, cancel.Token);
        var faults = cluster.Server.Faults;

        // Keep the policy watch down while ten policies go, then expire history so the next watch gets 410 Gone.
        faults.FailNext(100_000, HttpStatusCode.ServiceUnavailable, verb: "watch", resource: "trafficpolicies", retryAfter: TimeSpan.FromMilliseconds(100));
        faults.DropWatches();
        for (var i = 0; i < 10; i++)
        {
            await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                TrafficPolicy.Group, TrafficPolicy.Version, "gone", TrafficPolicy.Plural, LocalCluster.BulkName(i), cancellationToken: cancel.Token);
        }

        faults.ExpireWatchHistory();
        faults.Clear();

        var cache = op.Host.Informers.Policies.Cache;
        await cluster.Fixture.WaitUntilAsync(_ => Task.FromResult(cache.Count == 10), cancel.Token);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Null(cache.Get("gone", LocalCluster.BulkName(i))));
        Assert.All(Enumerable.Range(10, 10), i => Assert.NotNull(cache.Get("gone", LocalCluster.BulkName(i))));
    }

    // Idle: at least the expected number of reconciles finished, nothing queued, no worker busy.
    private static bool IsIdleAfter(OperatorHost host, int reconciles)
    {
        var metrics = PrometheusText.Parse(host.Metrics.Render());
        var done = new[] { "success", "error", "requeue", "requeue_after" }
            .Sum(r => metrics.Value("controller_runtime_reconcile_total", ("controller", "trafficpolicy"), ("result", r)));
        return done >= reconciles
            && metrics.Value("workqueue_depth", ("name", "trafficpolicy")) == 0
            && metrics.Value("controller_runtime_active_workers", ("controller", "trafficpolicy")) == 0;
    }

    // The server fails requests by count, so keep one failure pending per five writes seen: about 20% fail.
    private static async Task FailOneWriteInFiveAsync(LocalCluster cluster, CancellationToken ct)
    {
        HttpStatusCode[] statuses = [HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.Conflict];
        string[] verbs = ["create", "update"];
        var injected = 0;
        while (!ct.IsCancellationRequested)
        {
            while (injected < cluster.Server.Requests.Writes / 5)
            {
                cluster.Server.Faults.FailNext(1, statuses[injected % 3], verbs[injected % 2], retryAfter: TimeSpan.FromMilliseconds(50));
                injected++;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }

    private static async Task DropWatchesAsync(LocalCluster cluster, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            cluster.Server.Faults.DropWatches();
        }
    }
}
