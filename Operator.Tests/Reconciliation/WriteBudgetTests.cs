using Junction.Api.V1Alpha1;
using Junction.ApiServer;
using Junction.Hosting;
using Junction.Tests.Infrastructure;
using k8s;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>
/// The exact writes and Events of a small set of policies, counted by the embedded server: each
/// policy's children once, one status write per distinct status, one Event when a policy becomes
/// Ready. A regression that adds a write fails here rather than in a benchmark nobody reads.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class WriteBudgetTests
{
    private const string Namespace = "budget";
    private const int Policies = 10;

    [Fact]
    public async Task Converge_TenPoliciesOneWithAGateway_ChildrenOnceOneStatusWriteAndNoEvent()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token, new OperatorOptions { Workers = 4, MetricsBindAddress = "0", HealthProbeBindAddress = "0" });

        var writes = await ConvergeAsync(cluster, op, cancel.Token);

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["create trafficpolicies"] = Policies,
                ["create ingresses"] = Policies,
                ["create configmaps"] = 1,
                // The proxy's Service and the headless twin of its backend.
                ["create services"] = 2,
                ["create deployments"] = 1,
                ["create poddisruptionbudgets"] = 1,
                ["update trafficpolicies/status"] = Policies,
            },
            writes);
    }

    [Fact]
    public async Task Converge_RolloutThenAddresses_OneStatusWriteEachAndOneReadyEventPerPolicy()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token, new OperatorOptions { Workers = 4, MetricsBindAddress = "0", HealthProbeBindAddress = "0" });
        await ConvergeAsync(cluster, op, cancel.Token);

        // The gateway's pods come up: its status says so (replicas, Ready's reason), which is no news.
        cluster.Server.Requests.Reset();
        cluster.Server.Simulator.CompleteDeploymentRollout(Namespace, LocalCluster.BulkName(0) + "-proxy");
        await WaitQuietAsync(cluster, op, cancel.Token);
        var rolledOut = Writes(cluster.Server);

        // Every Ingress gets an address: each policy becomes Ready, once.
        cluster.Server.Requests.Reset();
        for (var i = 0; i < Policies; i++)
        {
            cluster.Server.Simulator.AssignIngressAddress(Namespace, LocalCluster.BulkName(i), $"192.0.2.{i + 1}");
        }

        await cluster.Fixture.WaitUntilAsync(async c => await ReadyCountAsync(cluster, c) == Policies, cancel.Token);
        await WaitQuietAsync(cluster, op, cancel.Token);
        var ready = Writes(cluster.Server);

        Assert.Equal(new Dictionary<string, int> { ["update trafficpolicies/status"] = 1 }, rolledOut);
        Assert.Equal(new Dictionary<string, int> { ["update trafficpolicies/status"] = Policies, ["create events"] = Policies }, ready);
        var events = await cluster.Client.CoreV1.ListNamespacedEventAsync(Namespace, cancellationToken: cancel.Token);
        Assert.All(events.Items, e => Assert.Equal(("Normal", "Ready"), (e.Type, e.Reason)));
        Assert.Equal(Enumerable.Range(0, Policies).Select(LocalCluster.BulkName), events.Items.Select(e => e.InvolvedObject.Name).Order());
    }

    // Creates the policies (Services first, not counted) and returns the writes until the operator is quiet.
    private static async Task<Dictionary<string, int>> ConvergeAsync(LocalCluster cluster, RunningOperator op, CancellationToken ct)
    {
        await cluster.Fixture.EnsureNamespaceAsync(Namespace, ct);
        for (var i = 0; i < Policies; i++)
        {
            await cluster.Fixture.CreateServiceAsync(Namespace, LocalCluster.BulkName(i), 8080, ct);
        }

        cluster.Server.Requests.Reset();
        for (var i = 0; i < Policies; i++)
        {
            var mode = i == 0 ? ProxyModes.Gateway : ProxyModes.None;
            await cluster.Fixture.CreatePolicyAsync(ClusterFixture.Policy(Namespace, LocalCluster.BulkName(i), p => p.Spec.Proxy!.Mode = mode), ct);
        }

        await cluster.WaitForAllProgrammedAsync(Namespace, Policies, ct);
        await WaitQuietAsync(cluster, op, ct);
        return Writes(cluster.Server);
    }

    private static Dictionary<string, int> Writes(InMemoryApiServer server) =>
        server.Requests.All
            .Where(r => r.Verb is not ("get" or "list" or "watch"))
            .GroupBy(r => r.StatusCode < 300 ? $"{r.Verb} {r.Resource}" : $"{r.Verb} {r.Resource} {r.StatusCode}")
            .ToDictionary(g => g.Key, g => g.Count());

    private static async Task<int> ReadyCountAsync(LocalCluster cluster, CancellationToken ct)
    {
        var list = await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync<TrafficPolicyList>(
            TrafficPolicy.Group, TrafficPolicy.Version, Namespace, TrafficPolicy.Plural, cancellationToken: ct);
        return list.Items.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
    }

    // Quiet: nothing queued, no worker busy and no write, seen twice a second apart (informer events may still be in flight once).
    private static async Task WaitQuietAsync(LocalCluster cluster, RunningOperator op, CancellationToken ct)
    {
        var calm = 0;
        var writes = -1;
        while (calm < 2)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var metrics = PrometheusText.Parse(op.Host.Metrics.Render());
            var idle = metrics.Value("workqueue_depth", ("name", "trafficpolicy")) == 0
                && metrics.Value("controller_runtime_active_workers", ("controller", "trafficpolicy")) == 0;
            var now = cluster.Server.Requests.Writes;
            calm = idle && now == writes ? calm + 1 : 0;
            writes = now;
        }
    }
}
