using Junction.Api.V1Alpha1;
using Junction.Hosting;
using Junction.Tests.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Testcontainers.K3s;
using Xunit;

namespace Junction.Tests.Reconciliation.K3s;

/// <summary>
/// The core reconcile scenarios against a real Kubernetes (K3s in Docker). Skipped, visibly,
/// where no Docker engine answers.
/// </summary>
public sealed class K3sReconcileTests
{
    private const string SkipReason = "Docker is not available (no answer on /var/run/docker.sock); K3s tests need a Docker engine";
    private const string K3sImage = "rancher/k3s:v1.31.5-k3s1";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Apply_OnK3s_CreatesOwnedChildrenAndAcceptsPolicy()
    {
        Skip.IfNot(DockerAvailability.IsAvailable, SkipReason);
        await using var cluster = await K3sCluster.StartAsync();
        using var cancel = new CancellationTokenSource(Deadline);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);

        var policy = await cluster.Fixture.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);

        var deployment = await cluster.Fixture.WaitForAsync(
            ct => cluster.Fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("checkout-proxy", "shop", cancellationToken: ct), cancel.Token);
        Assert.Equal(policy.Metadata.Uid, Assert.Single(deployment.Metadata.OwnerReferences).Uid);
        var accepted = await cluster.Fixture.WaitForConditionsAsync("shop", "checkout", cancel.Token, ("Accepted", "True"), ("ResolvedRefs", "True"), ("Programmed", "True"));
        Assert.Equal(accepted.Metadata.Generation, accepted.Status!.ObservedGeneration);
    }

    [SkippableFact]
    public async Task Delete_OnK3s_GarbageCollectorRemovesChildren()
    {
        Skip.IfNot(DockerAvailability.IsAvailable, SkipReason);
        await using var cluster = await K3sCluster.StartAsync();
        using var cancel = new CancellationTokenSource(Deadline);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        await cluster.Fixture.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);
        await cluster.Fixture.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);

        await cluster.Fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            TrafficPolicy.Group, TrafficPolicy.Version, "shop", TrafficPolicy.Plural, "checkout", cancellationToken: cancel.Token);

        await cluster.Fixture.WaitUntilAsync(async ct => !await cluster.Fixture.ExistsAsync(
            () => cluster.Fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("checkout-proxy", "shop", cancellationToken: ct)), cancel.Token);
    }

    [SkippableFact]
    public async Task InvalidPolicy_OnK3s_AcceptedFalseAndNothingWritten()
    {
        Skip.IfNot(DockerAvailability.IsAvailable, SkipReason);
        await using var cluster = await K3sCluster.StartAsync();
        using var cancel = new CancellationTokenSource(Deadline);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);

        await cluster.Fixture.CreatePolicyWithBackendAsync("shop", "broken", cancel.Token, p => p.Spec.Routes =
        [
            // A path without its leading / passes the CRD's schema and CEL rules (all-zero weights would not), so the operator answers.
            new Route { Name = "all", Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = "all" } }], BackendRefs = [new BackendRef { Name = "broken", Port = 8080 }] },
        ]);

        var status = await cluster.Fixture.WaitForConditionAsync("shop", "broken", "Accepted", "False", cancel.Token);
        Assert.Contains("spec.routes[0]", status.Status!.Conditions!.Single(c => c.Type == "Accepted").Message, StringComparison.Ordinal);
        Assert.False(await cluster.Fixture.ExistsAsync(() => cluster.Fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("broken-proxy", "shop")));
    }

    private sealed class K3sCluster : IAsyncDisposable
    {
        private readonly K3sContainer container;

        private K3sCluster(K3sContainer container, ClusterFixture fixture)
        {
            this.container = container;
            Fixture = fixture;
        }

        public ClusterFixture Fixture { get; }

        public static async Task<K3sCluster> StartAsync()
        {
            var container = new K3sBuilder(K3sImage).Build();
            await container.StartAsync();
            var kubeconfig = await container.GetKubeconfigAsync();
            var path = Path.Combine(Path.GetTempPath(), $"junction-k3s-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(path, kubeconfig);
            var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
            var fixture = new ClusterFixture(client);
            await fixture.InstallCrdAsync(CancellationToken.None);
            return new K3sCluster(container, fixture);
        }

        public Task<RunningOperator> StartOperatorAsync(CancellationToken ct) =>
            RunningOperator.StartAsync(Fixture.Client, new OperatorOptions { MetricsBindAddress = "0", HealthProbeBindAddress = "0" }, NullLoggerFactory.Instance, ct);

        public async ValueTask DisposeAsync()
        {
            Fixture.Client.Dispose();
            await container.DisposeAsync();
        }
    }
}
