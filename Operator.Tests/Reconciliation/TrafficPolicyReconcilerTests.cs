using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>The reconciler end to end: a real operator against the in-memory API server over HTTP.</summary>
public sealed class TrafficPolicyReconcilerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Apply_NewPolicy_CreatesOwnedChildrenAndTurnsReadyAfterRollout()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;

        var policy = await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);

        var programmed = await f.WaitForConditionsAsync("shop", "checkout", cancel.Token, ("Accepted", "True"), ("ResolvedRefs", "True"), ("Programmed", "True"));
        Assert.Equal(("False", "ProxyNotReady"), (Condition(programmed, "Ready").Status, Condition(programmed, "Ready").Reason));
        Assert.Equal(policy.Metadata.Generation, programmed.Status!.ObservedGeneration);
        foreach (var child in await cluster.ChildrenAsync("shop", cancel.Token))
        {
            var owner = Assert.Single(child.Metadata.OwnerReferences);
            Assert.Equal((policy.Metadata.Uid, true, true), (owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        }

        await cluster.CompleteRolloutAsync("shop", "checkout-proxy", cancel.Token);
        await cluster.AssignIngressAddressAsync("shop", "checkout", "127.0.0.1", cancel.Token);

        var ready = await f.WaitForConditionAsync("shop", "checkout", "Ready", "True", cancel.Token);
        Assert.Equal(2, ready.Status!.Proxy!.UpdatedReplicas);
        Assert.Equal(["127.0.0.1"], ready.Status.Ingress!.Addresses!);
    }

    [Fact]
    public async Task ChangeSpec_UpdatesChildrenAndConfigHashAndReadyFollowsRollout()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);
        await cluster.AssignIngressAddressAsync("shop", "checkout", "127.0.0.1", cancel.Token);
        await cluster.CompleteRolloutAsync("shop", "checkout-proxy", cancel.Token);
        var before = await f.WaitForConditionAsync("shop", "checkout", "Ready", "True", cancel.Token);

        var changed = await f.UpdatePolicyAsync("shop", "checkout", p => p.Spec.Timeouts = new Timeouts { Request = "7s" }, cancel.Token);

        var notReady = await f.WaitForConditionAsync("shop", "checkout", "Ready", "False", cancel.Token);
        Assert.Equal(changed.Metadata.Generation, notReady.Status!.ObservedGeneration);
        Assert.NotEqual(before.Status!.Proxy!.ConfigHash, notReady.Status.Proxy!.ConfigHash);
        var config = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);
        Assert.Contains("7s", config.Data.Values.Single(), StringComparison.Ordinal);
        var deployment = await f.Client.AppsV1.ReadNamespacedDeploymentAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);
        Assert.Equal(notReady.Status.Proxy.ConfigHash, deployment.Spec.Template.Metadata.Annotations["traffic.junction.dev/config-hash"]);

        await cluster.CompleteRolloutAsync("shop", "checkout-proxy", cancel.Token);
        await f.WaitForConditionAsync("shop", "checkout", "Ready", "True", cancel.Token);
    }

    [Fact]
    public async Task Delete_Policy_ChildrenRemovedByOwnerGarbageCollection()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);
        await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);
        Assert.NotEmpty(await cluster.ChildrenAsync("shop", cancel.Token));

        await f.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TrafficPolicy.Group, TrafficPolicy.Version, "shop", TrafficPolicy.Plural, "checkout", cancellationToken: cancel.Token);

        await f.WaitUntilAsync(async ct => (await cluster.ChildrenAsync("shop", ct)).Count == 0, cancel.Token);
    }

    [Fact]
    public async Task RemoveIngress_FromSpec_PrunesTheIngress()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);
        await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);

        await f.UpdatePolicyAsync("shop", "checkout", p => p.Spec.Ingress = null, cancel.Token);

        await f.WaitUntilAsync(async ct => !await f.ExistsAsync(() => f.Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop", cancellationToken: ct)), cancel.Token);
        var policy = await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);
        Assert.Null(policy.Status!.Ingress);
        Assert.True(await f.ExistsAsync(() => f.Client.AppsV1.ReadNamespacedDeploymentAsync("checkout-proxy", "shop", cancellationToken: cancel.Token)));
    }

    [Fact]
    public async Task HandEdit_OfChild_IsUndone()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);
        await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);
        var original = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);
        var key = original.Data.Keys.Single();

        var edited = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);
        edited.Data[key] = "# edited by hand\n";
        await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(edited, "checkout-proxy", "shop", cancellationToken: cancel.Token);

        await f.WaitUntilAsync(async ct => (await f.Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-proxy", "shop", cancellationToken: ct)).Data[key] == original.Data[key], cancel.Token);
    }

    [Fact]
    public async Task HandDelete_OfChild_IsRecreated()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);
        await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);
        var original = await f.Client.CoreV1.ReadNamespacedServiceAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);

        await f.Client.CoreV1.DeleteNamespacedServiceAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);

        var recreated = await f.WaitForAsync(
            async ct =>
            {
                var s = await f.Client.CoreV1.ReadNamespacedServiceAsync("checkout-proxy", "shop", cancellationToken: ct);
                return s.Metadata.Uid != original.Metadata.Uid ? s : null;
            },
            cancel.Token);
        Assert.Equal("TrafficPolicy", Assert.Single(recreated.Metadata.OwnerReferences).Kind);
    }

    [Fact]
    public async Task ForeignIngress_WithChildName_IsLeftAloneAndReportedAsConflict()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.EnsureNamespaceAsync("shop", cancel.Token);
        var foreign = await f.Client.NetworkingV1.CreateNamespacedIngressAsync(
            new V1Ingress
            {
                Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["team"] = "web" } },
                Spec = new V1IngressSpec { Rules = [new V1IngressRule { Host = "legacy.example.com" }] },
            },
            "shop",
            cancellationToken: cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);

        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token);

        var policy = await f.WaitForConditionAsync("shop", "checkout", "Programmed", "False", cancel.Token);
        var programmed = Condition(policy, "Programmed");
        Assert.Equal("Conflict", programmed.Reason);
        Assert.Contains("Ingress shop/checkout", programmed.Message, StringComparison.Ordinal);
        Assert.Contains("no controller", programmed.Message, StringComparison.Ordinal);
        var after = await f.Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop", cancellationToken: cancel.Token);
        Assert.Equal(foreign.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Null(after.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task InvalidPolicy_AcceptedFalseNothingWritten_ThenFixedConverges()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;

        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token, p => p.Spec.Routes = [RelativePathRoute("all")]);

        var rejected = await f.WaitForConditionAsync("shop", "checkout", "Accepted", "False", cancel.Token);
        Assert.Equal("Invalid", Condition(rejected, "Accepted").Reason);
        Assert.Contains("spec.routes[0].matches[0].path.value", Condition(rejected, "Accepted").Message, StringComparison.Ordinal);
        Assert.Empty(await cluster.ChildrenAsync("shop", cancel.Token));

        await f.UpdatePolicyAsync("shop", "checkout", p => p.Spec.Routes![0].Matches![0].Path!.Value = "/all", cancel.Token);

        await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);
        Assert.NotEmpty(await cluster.ChildrenAsync("shop", cancel.Token));
    }

    [Fact]
    public async Task MissingBackend_ResolvedRefsFalse_CreatingServiceConverges()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.EnsureNamespaceAsync("shop", cancel.Token);

        await f.CreatePolicyAsync(ClusterFixture.Policy("shop", "checkout"), cancel.Token);

        var unresolved = await f.WaitForConditionAsync("shop", "checkout", "ResolvedRefs", "False", cancel.Token);
        Assert.Equal("BackendNotFound", Condition(unresolved, "ResolvedRefs").Reason);
        Assert.Contains("checkout", Condition(unresolved, "ResolvedRefs").Message, StringComparison.Ordinal);

        await f.CreateServiceAsync("shop", "checkout", 8080, cancel.Token);

        await f.WaitForConditionAsync("shop", "checkout", "ResolvedRefs", "True", cancel.Token);
    }

    [Fact]
    public async Task PartiallyInvalid_OneBadRoute_AcceptedWithReasonAndRestProgrammed()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;

        await f.CreatePolicyWithBackendAsync("shop", "checkout", cancel.Token, p => p.Spec.Routes =
        [
            new Route { Name = "api", Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = "/api" } }] },
            RelativePathRoute("broken"),
        ]);

        var policy = await f.WaitForConditionAsync("shop", "checkout", "Programmed", "True", cancel.Token);
        var accepted = Condition(policy, "Accepted");
        Assert.Equal(("True", "PartiallyInvalid"), (accepted.Status, accepted.Reason));
        Assert.Contains("spec.routes[1]", accepted.Message, StringComparison.Ordinal);
        var config = await f.Client.CoreV1.ReadNamespacedConfigMapAsync("checkout-proxy", "shop", cancellationToken: cancel.Token);
        Assert.Contains("/api", config.Data.Values.Single(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A route the operator refuses but the CRD's schema and CEL rules let through (a path without its leading /),
    /// so that the API server stores it and the operator's own validation is what answers.
    /// </summary>
    private static Route RelativePathRoute(string name) => new()
    {
        Name = name,
        Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = name } }],
        BackendRefs = [new BackendRef { Name = "checkout", Port = 8080, Weight = 1 }],
    };

    private static V1Condition Condition(TrafficPolicy policy, string type) =>
        policy.Status!.Conditions!.Single(c => c.Type == type);
}
