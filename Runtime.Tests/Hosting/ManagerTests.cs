using System.Collections.Concurrent;
using System.Net;
using Junction.Runtime.Controllers;
using Junction.Runtime.Hosting;
using Junction.Runtime.Informers;
using Junction.Runtime.Leader;
using Junction.Runtime.Metrics;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Hosting;

public sealed class ManagerTests : IDisposable
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/junction-leader";
    private readonly ObjectApi api = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MetricsRegistry metrics = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<ReconcileRequest> reconciled = new();

    [Fact]
    public async Task Run_Leader_ReconcilesCachedObjectsAndReleasesTheLeaseOnStop()
    {
        var (manager, _) = NewManager("a");
        using var stop = new CancellationTokenSource();

        var run = manager.RunAsync(stop.Token);
        await Eventually.True(() => reconciled.Count == 2, "both cached objects are reconciled");
        var readyz = await GetAsync(manager.Endpoints.ProbeUri, "/readyz");
        var scrape = PrometheusText.Parse(await (await GetAsync(manager.Endpoints.MetricsUri, "/metrics")).Content.ReadAsStringAsync());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Contains("[+]leader-election leading as a", await readyz.Content.ReadAsStringAsync());
        Assert.Equal(1, scrape.Value("leader_election_master_status", ("name", "junction-leader")));
        Assert.Equal(2, scrape.Value("controller_runtime_reconcile_total", ("controller", "configmaps"), ("result", "success")));
        Assert.Equal(["shop/a", "shop/b"], reconciled.Select(r => r.ToString()).Order());
        Assert.Null(api.Get(LeasePath)!["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Run_Follower_IsReadyAndReportsTheLeaderButDoesNotReconcile()
    {
        api.Put(LeasePath, new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "junction-leader", NamespaceProperty = "ops" },
            Spec = new V1LeaseSpec { HolderIdentity = "other", LeaseDurationSeconds = 15, RenewTime = time.GetUtcNow().UtcDateTime },
        });
        var (manager, controller) = NewManager("b");
        using var stop = new CancellationTokenSource();

        var run = manager.RunAsync(stop.Token);
        await Eventually.True(() => controller.Queue.Len == 2 && manager.Readiness().Checks.Any(c => c.Detail.Contains("leader=other", StringComparison.Ordinal)), "the follower has synced and seen the leader");
        var readyz = await GetAsync(manager.Endpoints.ProbeUri, "/readyz");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Contains("following leader=other identity=b", await readyz.Content.ReadAsStringAsync());
        Assert.False(manager.IsLeader);
        Assert.Empty(reconciled);
        Assert.Equal("other", (string?)api.Get(LeasePath)!["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Run_LeaseForbidden_NotReadyAndSaysWhyUntilTheLeaseCanBeReached()
    {
        api.FailWith = HttpStatusCode.Forbidden;
        var (manager, _) = NewManager("c");
        using var stop = new CancellationTokenSource();

        var run = manager.RunAsync(stop.Token);
        await Eventually.True(() => manager.Readiness().Checks.Any(c => c.Name == "leader-election" && !c.Passed), "the refused Lease is reported");
        var refused = await GetAsync(manager.Endpoints.ProbeUri, "/readyz");
        var body = await refused.Content.ReadAsStringAsync();
        api.FailWith = null;
        await Eventually.True(() => manager.IsLeader, "the replica leads once the Lease can be created", eachPoll: () => time.Advance(TimeSpan.FromSeconds(1)));
        var allowed = await GetAsync(manager.Endpoints.ProbeUri, "/readyz");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("[-]leader-election cannot become leader identity=c: the Lease ops/junction-leader cannot be read or created: 403 Forbidden", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private (Manager Manager, Controller Controller) NewManager(string identity)
    {
        var manager = new Manager(
            new ManagerOptions
            {
                Endpoints = new EndpointOptions { MetricsAddress = "127.0.0.1:0", ProbeAddress = "127.0.0.1:0" },
                LeaderElection = new LeaderElectionOptions { LeaseName = "junction-leader", LeaseNamespace = "ops", Identity = identity, JitterFactor = 0 },
            },
            api.Client(),
            time,
            metrics,
            NullLoggerFactory.Instance);
        var informer = new Informer<V1ConfigMap>(
            "ConfigMap",
            new StaticListerWatcher<V1ConfigMap>(ConfigMap("a"), ConfigMap("b")),
            new InformerOptions(),
            time,
            metrics,
            NullLogger.Instance);
        var controller = new Controller(new RecordingReconciler(reconciled), new ControllerOptions { Name = "configmaps" }, time, metrics, NullLogger.Instance);
        informer.AddEventHandler(ResourceEventHandlers.ForAll<V1ConfigMap>(cm => controller.Enqueue(CacheKeys.For(cm))));
        manager.AddInformer(informer);
        manager.AddController(controller);
        return (manager, controller);
    }

    private async Task<HttpResponseMessage> GetAsync(Uri? root, string path)
    {
        Assert.NotNull(root);
        return await http.GetAsync(new Uri(root, path));
    }

    private static V1ConfigMap ConfigMap(string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", ResourceVersion = "1" } };

    public void Dispose()
    {
        http.Dispose();
        api.Dispose();
    }

    private sealed class RecordingReconciler(ConcurrentQueue<ReconcileRequest> reconciled) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
        {
            reconciled.Enqueue(request);
            return Task.FromResult(ReconcileResult.Done);
        }
    }
}
