using System.Net;
using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Reconciliation;
using Junction.Tests.Distribution;
using Junction.Runtime.Controllers;
using Junction.Tests.Reconciliation.Fakes;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>
/// One test per reconcile branch, in memory: the real reconciler, applier and status writer over
/// an in-memory cache and recording writers. No HTTP, no informers, no waiting.
/// </summary>
public sealed class TrafficPolicyReconcilerBranchTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly ReconcileRequest Request = new("shop", "checkout");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly InMemoryClusterView view = new();
    private readonly RecordingChildWriter children;
    private readonly RecordingStatusClient status;
    private readonly RecordingPolicyEvents events = new();
    private readonly PlanCache plans = new();
    private readonly FakeProxyReports reports;
    private readonly TrafficPolicyReconciler reconciler;

    public TrafficPolicyReconcilerBranchTests()
    {
        children = new RecordingChildWriter(view);
        status = new RecordingStatusClient(view);
        reports = new FakeProxyReports(time);
        reconciler = Reconciler(TranslatorOptions.Default);
    }

    private TrafficPolicyReconciler Reconciler(TranslatorOptions options) =>
        new(view, reports, new ChildApplier(view, children), new StatusWriter(status), events, options, ValidationOptions.Default, time, NullLogger<TrafficPolicyReconciler>.Instance, plans: plans);

    [Fact]
    public async Task Reconcile_PolicyGone_WritesNothing()
    {
        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Empty(children.Calls);
        Assert.Empty(status.Attempts);
    }

    [Fact]
    public async Task Reconcile_NewPolicy_CreatesChildrenInOrderAndRecordsNoEventWhileRollingOut()
    {
        SeedPolicyWithBackend();

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Equal(
            ["create ConfigMap shop/checkout-proxy", "create Service shop/checkout-proxy", "create Deployment shop/checkout-proxy", "create PodDisruptionBudget shop/checkout-proxy"],
            children.Calls.Where(c => c.Contains("-proxy", StringComparison.Ordinal)).ToList());
        Assert.Contains("create Ingress shop/checkout", children.Calls);
        var written = Assert.Single(status.Written);
        Assert.Equal(("True", "Programmed"), Condition(written, "Programmed"));
        Assert.Equal(("False", "ProxyNotReady"), Condition(written, "Ready"));
        // Conditions turning True on the way to Ready, and proxies still starting, are no news: no Event yet.
        Assert.Empty(events.Recorded);
    }

    [Fact]
    public async Task Reconcile_PolicyBecomesReady_OneNormalReadyEventAndNoneOnTheNextReconcile()
    {
        var agent = Reconciler(TranslatorOptions.Default with { ConfigDelivery = ConfigDelivery.Agent });
        SeedPolicyWithBackend(p => p.Spec.Ingress = null);
        var gateway = new ProxyKey(ProxyKind.Gateway, "shop", "checkout-proxy");
        reports.Served("h1", new PolicyGeneration("shop", "checkout", 1));
        reports.Report(gateway, "checkout-proxy-1", "h1");
        reports.Report(gateway, "checkout-proxy-2", "h1");

        await agent.ReconcileAsync(Request, CancellationToken.None);
        await agent.ReconcileAsync(Request, CancellationToken.None);

        var ready = Assert.Single(events.Recorded);
        Assert.Equal(("Ready", "True", "Ready", false), (ready.Type, ready.Status, ready.Reason, ready.IsWarning));
        Assert.Equal("2 of 2 proxies run generation 1.", ready.Message);
    }

    [Fact]
    public async Task Reconcile_TargetServiceMissing_OneWarningNamingTheReference()
    {
        var policy = ClusterFixture.Policy("shop", "checkout", null);
        policy.Metadata.Generation = 1;
        status.Seed(policy);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        // Ready says the same (BackendNotFound); one Warning per problem, from the condition that owns it.
        var warning = Assert.Single(events.Recorded);
        Assert.Equal(("ResolvedRefs", "BackendNotFound", true), (warning.Type, warning.Reason, warning.IsWarning));
        Assert.Contains("spec.targetRef: Service \"checkout\" not found", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_RejectedSpec_AcceptedFalseAndNoChildWritten()
    {
        SeedPolicyWithBackend(p => p.Spec.Routes = [ZeroWeightRoute("all")]);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(children.Calls);
        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "Invalid"), Condition(written, "Accepted"));
        Assert.Equal(("False", "Invalid"), Condition(written, "Programmed"));
    }

    [Fact]
    public async Task Reconcile_ForeignChildHoldsName_ProgrammedConflictAndForeignLeftAlone()
    {
        view.Put(new V1Ingress { Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" }, Spec = new V1IngressSpec() });
        SeedPolicyWithBackend();

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.DoesNotContain(children.Calls, c => c.EndsWith("Ingress shop/checkout", StringComparison.Ordinal));
        Assert.Contains("create Deployment shop/checkout-proxy", children.Calls);
        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "Conflict"), Condition(written, "Programmed"));
        Assert.Contains("Ingress shop/checkout: exists and is controlled by no controller", written.Conditions!.Single(c => c.Type == "Programmed").Message, StringComparison.Ordinal);
        var warning = Assert.Single(events.Recorded);
        Assert.Equal(("Programmed", "Conflict", true), (warning.Type, warning.Reason, warning.IsWarning));
    }

    [Fact]
    public async Task Reconcile_ChildWriteFails_ReportsApplyFailedAndThrowsForBackoff()
    {
        SeedPolicyWithBackend();
        children.FailNext("create", HttpStatusCode.InternalServerError);

        var error = await Assert.ThrowsAsync<ChildrenNotAppliedException>(() => reconciler.ReconcileAsync(Request, CancellationToken.None));

        Assert.Equal("ConfigMap", Assert.Single(error.Failures).Kind);
        Assert.Contains("create Deployment shop/checkout-proxy", children.Calls);
        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "ApplyFailed"), Condition(written, "Programmed"));
        Assert.Contains("500 InternalServerError: injected", written.Conditions!.Single(c => c.Type == "Programmed").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_SecondTimeNothingChanged_SendsNoWriteAndNoEvent()
    {
        SeedPolicyWithBackend();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var (calls, writes, announced) = (children.Calls.Count, status.Attempts.Count, events.Recorded.Count);
        time.Advance(TimeSpan.FromMinutes(5));

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Equal(calls, children.Calls.Count);
        Assert.Equal(writes, status.Attempts.Count);
        Assert.Equal(announced, events.Recorded.Count);
    }

    [Fact]
    public async Task Reconcile_ResyncWithNothingMoved_ReusesThePlanWithoutTranslating()
    {
        SeedPolicyWithBackend();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var calls = children.Calls.Count;

        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(1, plans.Translations);
        Assert.Equal(calls, children.Calls.Count);
    }

    [Fact]
    public async Task Reconcile_ReferencedServiceOrSpecChanged_TranslatesAgain()
    {
        SeedPolicyWithBackend();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var backend = InMemoryClusterView.Copy((V1Service)view.Service("shop", "checkout")!);
        backend.Spec.Ports[0].Port = 9090;
        backend.Metadata.ResourceVersion = null;
        view.Put(backend);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var afterService = plans.Translations;
        status.Seed(UpdateSpec(view.Policy("shop", "checkout")!, p => p.Spec.Proxy = new ProxySpec { Replicas = 3 }));
        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(2, afterService);
        Assert.Equal(3, plans.Translations);
        Assert.Equal(("False", "PortNotFound"), Condition(status.Written[^1], "ResolvedRefs"));
    }

    [Fact]
    public async Task Reconcile_StatusConflict_RecomputesFromTheServersCopy()
    {
        SeedPolicyWithBackend();
        status.ChangeOnServer("shop", "checkout", p => p.Status = new TrafficPolicyStatus
        {
            Conditions = [new V1Condition { Type = "Accepted", Status = "True", Reason = "Accepted", Message = "The spec is valid.", LastTransitionTime = Earlier.UtcDateTime }],
        });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(2, status.Attempts.Count);
        var written = Assert.Single(status.Written);
        Assert.Equal(Earlier.UtcDateTime, written.Conditions!.Single(c => c.Type == "Accepted").LastTransitionTime);
        Assert.DoesNotContain(events.Recorded, e => e.Type == "Accepted");
    }

    [Fact]
    public async Task Reconcile_IngressNoLongerInSpec_PrunesIt()
    {
        var policy = SeedPolicyWithBackend();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        status.Seed(UpdateSpec(policy, p => p.Spec.Ingress = null));

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal("delete Ingress shop/checkout", children.Calls[^1]);
        Assert.Null(view.Child(ChildKind.Ingress, "shop", "checkout"));
        Assert.Null(status.Written[^1].Ingress);
    }

    [Fact]
    public async Task Reconcile_OwnedChildWithOwnedFieldEdited_IsReplaced()
    {
        SeedPolicyWithBackend();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var config = (V1ConfigMap)view.Child(ChildKind.ConfigMap, "shop", "checkout-proxy")!;
        var key = config.Data.Keys.Single();
        var original = config.Data[key];
        config.Data[key] = "# edited by hand\n";
        config.Metadata.ResourceVersion = null;
        view.Put(config);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal("replace ConfigMap shop/checkout-proxy", children.Calls[^1]);
        Assert.Equal(original, ((V1ConfigMap)view.Child(ChildKind.ConfigMap, "shop", "checkout-proxy")!).Data[key]);
    }

    [Fact]
    public async Task Reconcile_SidecarModeWithoutPods_ReadyFalseNoProxiesAndNoWarning()
    {
        SeedPolicyWithBackend(p => p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("True", "Accepted"), Condition(written, "Accepted"));
        Assert.Equal(("False", "NoProxies"), Condition(written, "Ready"));
        Assert.Equal("0 of 0 proxies run generation 1: there are no sidecars of the pods Service shop/checkout selects, so no proxy enforces the policy.", Message(written, "Ready"));
        Assert.Equal(0, written.Proxy!.Instances);
        Assert.Null(written.Warnings);
    }

    [Fact]
    public async Task Reconcile_SidecarModeEveryCoveredPodRunsGeneration_ReadyTrueCountingOnlyCoveredPods()
    {
        SeedPolicyWithBackend(p =>
        {
            p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar };
            p.Spec.Ingress = null;
        });
        Pod("checkout-a", "checkout", "checkout-sa");
        Pod("checkout-b", "checkout", "checkout-sa");
        Pod("other-c", "other", "checkout-sa");
        var sidecar = new ProxyKey(ProxyKind.Sidecar, "shop", "checkout-sa");
        reports.Served("h1", new PolicyGeneration("shop", "checkout", 1));
        reports.Report(sidecar, "checkout-a", "h1");
        reports.Report(sidecar, "checkout-b", "h1");
        reports.Report(sidecar, "other-c", "h0");

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("True", "Ready"), Condition(written, "Ready"));
        Assert.Equal("2 of 2 proxies run generation 1.", Message(written, "Ready"));
        Assert.Equal((2, 2, "2 of 2 proxies run generation 1"), (written.Proxy!.Instances, written.Proxy.Current, written.Proxy.Summary));
    }

    [Fact]
    public async Task Reconcile_AgentDeliveryEveryReplicaRunsGeneration_ReadyTrueFromReports()
    {
        var agent = Reconciler(TranslatorOptions.Default with { ConfigDelivery = ConfigDelivery.Agent });
        SeedPolicyWithBackend(p => p.Spec.Ingress = null);
        var gateway = new ProxyKey(ProxyKind.Gateway, "shop", "checkout-proxy");
        reports.Served("h1", new PolicyGeneration("shop", "checkout", 1));
        reports.Report(gateway, "checkout-proxy-1", "h1");
        reports.Report(gateway, "checkout-proxy-2", "h1");

        await agent.ReconcileAsync(Request, CancellationToken.None);

        // The Deployment has not even been observed by its controller: the agents' word is what counts.
        Assert.Contains("create ServiceAccount shop/checkout-proxy", children.Calls);
        var written = Assert.Single(status.Written);
        Assert.Equal(("True", "Ready"), Condition(written, "Ready"));
        Assert.Equal("2 of 2 proxies run generation 1.", Message(written, "Ready"));
    }

    [Fact]
    public async Task Reconcile_AgentDeliveryReplicaNacksCurrentBundle_ProgrammedFalseProxyRejectedWithHAProxyMessage()
    {
        var agent = Reconciler(TranslatorOptions.Default with { ConfigDelivery = ConfigDelivery.Agent });
        SeedPolicyWithBackend(p => p.Spec.Ingress = null);
        var gateway = new ProxyKey(ProxyKind.Gateway, "shop", "checkout-proxy");
        reports.Served("h0", new PolicyGeneration("shop", "checkout", 0));
        reports.Served("h1", new PolicyGeneration("shop", "checkout", 1));
        reports.Report(gateway, "checkout-proxy-1", "h1");
        reports.Report(gateway, "checkout-proxy-2", "h0", attempted: "h1", error: "[ALERT] parsing [/etc/junction/proxy/haproxy.cfg:12] : unknown keyword 'bogus'");

        await agent.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "ProxyRejected"), Condition(written, "Programmed"));
        Assert.Equal(
            "Proxy checkout-proxy-2 rejected the config of generation 1 and keeps running its previous one: [ALERT] parsing [/etc/junction/proxy/haproxy.cfg:12] : unknown keyword 'bogus'",
            Message(written, "Programmed"));
        Assert.Equal(("False", "NotProgrammed"), Condition(written, "Ready"));
        Assert.Equal("checkout-proxy-2", written.Proxy!.Rejected!.Instance);
        Assert.Equal((2, 1, "1 of 2 proxies run generation 1"), (written.Proxy.Instances, written.Proxy.Current, written.Proxy.Summary));
    }

    [Fact]
    public async Task Reconcile_AgentDeliveryReplicaGoesSilent_ReadyFalseAndCountedUnknown()
    {
        var agent = Reconciler(TranslatorOptions.Default with { ConfigDelivery = ConfigDelivery.Agent });
        SeedPolicyWithBackend(p => p.Spec.Ingress = null);
        var gateway = new ProxyKey(ProxyKind.Gateway, "shop", "checkout-proxy");
        reports.Served("h1", new PolicyGeneration("shop", "checkout", 1));
        reports.Report(gateway, "checkout-proxy-1", "h1");
        reports.Report(gateway, "checkout-proxy-2", "h1");
        await agent.ReconcileAsync(Request, CancellationToken.None);
        Assert.Equal(("True", "Ready"), Condition(status.Written[^1], "Ready"));

        time.Advance(TimeSpan.FromSeconds(60));
        reports.Report(gateway, "checkout-proxy-1", "h1");
        time.Advance(TimeSpan.FromSeconds(31));
        await agent.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(("False", "ProxyNotReady"), Condition(status.Written[^1], "Ready"));
        Assert.Equal("1 of 2 proxies run generation 1, 1 unknown (replicas of Deployment shop/checkout-proxy).", Message(status.Written[^1], "Ready"));
        Assert.Equal(1, status.Written[^1].Proxy!.Unknown);
    }

    [Fact]
    public async Task Reconcile_SidecarModeWithMtlsAndAuthorization_NeitherNamedAsNotEnforced()
    {
        SeedPolicyWithBackend(p =>
        {
            p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar };
            p.Spec.Mtls = new Junction.Api.V1Alpha1.MutualTls { Mode = "Strict" };
            p.Spec.Authorization = new Junction.Api.V1Alpha1.Authorization { DefaultAction = "Deny" };
        });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "NoProxies"), Condition(written, "Ready"));
        Assert.DoesNotContain(written.Warnings ?? [], w => w.Contains("not enforced", StringComparison.Ordinal));
        Assert.DoesNotContain("spec.authorization", written.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_GatewayWithAuthorizationOnMethodsAndPaths_NotReportedAsNotEnforced()
    {
        SeedPolicyWithBackend(p => p.Spec.Authorization = new Junction.Api.V1Alpha1.Authorization
        {
            DefaultAction = "Deny",
            Rules = [new AuthorizationRule { To = new AuthorizationOperation { Methods = ["GET"], Paths = ["/api/*"] } }],
        });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("True", "Programmed"), Condition(written, "Programmed"));
        Assert.NotEqual("NotEnforced", Condition(written, "Ready").Item2);
        Assert.DoesNotContain(written.Warnings ?? [], w => w.StartsWith("spec.authorization", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_GatewayWithAuthorizationRuleNamingCallers_ReadyFalseNamesTheFromField()
    {
        SeedPolicyWithBackend(p => p.Spec.Authorization = new Junction.Api.V1Alpha1.Authorization
        {
            DefaultAction = "Deny",
            Rules =
            [
                new AuthorizationRule { To = new AuthorizationOperation { Methods = ["GET"] } },
                new AuthorizationRule { From = new AuthorizationSource { ServiceAccounts = ["shop/frontend"] } },
            ],
        });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("True", "Programmed"), Condition(written, "Programmed"));
        Assert.Equal(("False", "NotEnforced"), Condition(written, "Ready"));
        Assert.Contains("spec.authorization.rules[1].from: is not enforced in Gateway mode", written.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rules[0]", written.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
        Assert.Contains(written.Warnings!, w => w.StartsWith("spec.authorization.rules[1].from:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_TargetServiceMissing_ReadyFalseWithTheReferenceReason()
    {
        var policy = ClusterFixture.Policy("shop", "checkout", null);
        policy.Metadata.Generation = 1;
        status.Seed(policy);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "BackendNotFound"), Condition(written, "ResolvedRefs"));
        Assert.Equal(("False", "BackendNotFound"), Condition(written, "Ready"));
        Assert.Contains("spec.targetRef: Service \"checkout\" not found", written.Conditions!.Single(c => c.Type == "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_ProxyImageFromAnUnlistedRegistry_AcceptedFalseNamesTheImageAndTheList()
    {
        SeedPolicyWithBackend(p => p.Spec.Proxy = new ProxySpec { Image = "docker.io.evil.com/library/haproxy:3.2" });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(children.Calls);
        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "Invalid"), Condition(written, "Accepted"));
        var message = written.Conditions!.Single(c => c.Type == "Accepted").Message;
        Assert.Contains("spec.proxy.image: \"docker.io.evil.com/library/haproxy:3.2\"", message, StringComparison.Ordinal);
        Assert.Contains("allowed: docker.io/library", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_OperatorAllowsTheRegistry_ProxyImageIsUsed()
    {
        var allowing = new TrafficPolicyReconciler(
            view, reports, new ChildApplier(view, children), new StatusWriter(status), events, TranslatorOptions.Default,
            ValidationOptions.For(null, ["registry.example.com/mirror"]), time, NullLogger<TrafficPolicyReconciler>.Instance);
        SeedPolicyWithBackend(p => p.Spec.Proxy = new ProxySpec { Image = "registry.example.com/mirror/haproxy:3.2" });

        await allowing.ReconcileAsync(Request, CancellationToken.None);

        var deployment = (V1Deployment)view.Child(ChildKind.Deployment, "shop", "checkout-proxy")!;
        Assert.Equal("registry.example.com/mirror/haproxy:3.2", deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "haproxy").Image);
    }

    [Fact]
    public async Task Reconcile_GatewayReplicas_DisruptionBudgetAboveOneReplicaPrunedAtOne()
    {
        var policy = SeedPolicyWithBackend(p => p.Spec.Proxy = new ProxySpec { Replicas = 3 });
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var budget = (V1PodDisruptionBudget)view.Child(ChildKind.DisruptionBudget, "shop", "checkout-proxy")!;
        var deployment = (V1Deployment)view.Child(ChildKind.Deployment, "shop", "checkout-proxy")!;

        var single = status.Seed(UpdateSpec(policy, p => p.Spec.Proxy = new ProxySpec { Replicas = 1 }));
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var afterOne = view.Child(ChildKind.DisruptionBudget, "shop", "checkout-proxy");
        status.Seed(UpdateSpec(single, p => p.Spec.Proxy = new ProxySpec { Replicas = 2 }));
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var again = view.Child(ChildKind.DisruptionBudget, "shop", "checkout-proxy");
        status.Seed(UpdateSpec(view.Policy("shop", "checkout")!, p => p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.None }));
        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var spec = OwnedFields.ToNode(budget)["spec"]!;
        Assert.Equal(1, (int)spec["maxUnavailable"]!);
        Assert.Null(spec["minAvailable"]);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels.Where(l => deployment.Spec.Selector.MatchLabels.ContainsKey(l.Key)).ToDictionary());
        var owner = Assert.Single(budget.Metadata.OwnerReferences);
        Assert.Equal(("TrafficPolicy", "checkout", true), (owner.Kind, owner.Name, owner.Controller == true));
        Assert.Null(afterOne);
        Assert.Contains("delete PodDisruptionBudget shop/checkout-proxy", children.Calls);
        Assert.NotNull(again);
        Assert.Null(view.Child(ChildKind.DisruptionBudget, "shop", "checkout-proxy"));
        Assert.Equal(2, children.Calls.Count(c => c == "delete PodDisruptionBudget shop/checkout-proxy"));
    }

    [Fact]
    public async Task Reconcile_ForeignConfigMapHoldsTheProxyName_NoDeploymentMountsItAndConflictNamesIt()
    {
        view.Put(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "checkout-proxy", NamespaceProperty = "shop" },
            Data = new Dictionary<string, string> { ["haproxy.cfg"] = "# someone else's\n" },
        });
        SeedPolicyWithBackend();

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.DoesNotContain(children.Calls, c => c.Contains("ConfigMap shop/checkout-proxy", StringComparison.Ordinal));
        Assert.DoesNotContain(children.Calls, c => c.Contains("Deployment", StringComparison.Ordinal));
        Assert.Null(view.Child(ChildKind.Deployment, "shop", "checkout-proxy"));
        var written = Assert.Single(status.Written);
        Assert.Equal(("False", "Conflict"), Condition(written, "Programmed"));
        var message = written.Conditions!.Single(c => c.Type == "Programmed").Message;
        Assert.Contains("ConfigMap shop/checkout-proxy: exists and is controlled by no controller", message, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout-proxy: not written, because it would mount ConfigMap shop/checkout-proxy, which this policy does not control", message, StringComparison.Ordinal);
        Assert.Equal(("False", "NotProgrammed"), Condition(written, "Ready"));
    }

    [Fact]
    public async Task Reconcile_ForeignConfigMapAppearsLater_OwnDeploymentIsNotUpdatedToMountIt()
    {
        var policy = SeedPolicyWithBackend();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var before = (V1Deployment)view.Child(ChildKind.Deployment, "shop", "checkout-proxy")!;
        // Our ConfigMap is replaced by someone else's of the same name (deleted and recreated by hand).
        view.Put(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "checkout-proxy", NamespaceProperty = "shop" }, Data = new Dictionary<string, string> { ["haproxy.cfg"] = "# theirs\n" } });
        status.Seed(UpdateSpec(policy, p => p.Spec.Proxy = new ProxySpec { Replicas = 4 }));
        var calls = children.Calls.Count;

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.DoesNotContain(children.Calls.Skip(calls), c => c.Contains("Deployment", StringComparison.Ordinal));
        Assert.Equal(before.Spec.Replicas, ((V1Deployment)view.Child(ChildKind.Deployment, "shop", "checkout-proxy")!).Spec.Replicas);
        Assert.Equal(("False", "Conflict"), Condition(status.Written[^1], "Programmed"));
    }

    private TrafficPolicy SeedPolicyWithBackend(Action<TrafficPolicy>? customize = null)
    {
        view.Put(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "checkout" }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        });
        var policy = ClusterFixture.Policy("shop", "checkout", customize);
        policy.Metadata.Generation = 1;
        return status.Seed(policy);
    }

    private static TrafficPolicy UpdateSpec(TrafficPolicy policy, Action<TrafficPolicy> change)
    {
        var current = InMemoryClusterView.Copy(policy);
        change(current);
        current.Metadata.Generation = (current.Metadata.Generation ?? 0) + 1;
        current.Metadata.ResourceVersion = null;
        return current;
    }

    private static Route ZeroWeightRoute(string name) => new()
    {
        Name = name,
        Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = "/" + name } }],
        BackendRefs = [new BackendRef { Name = "checkout", Port = 8080, Weight = 0 }],
    };

    private void Pod(string name, string app, string serviceAccount) =>
        view.Put(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["app"] = app } },
            Spec = new V1PodSpec { ServiceAccountName = serviceAccount },
            Status = new V1PodStatus { Phase = "Running" },
        });

    private static string Message(TrafficPolicyStatus status, string type) =>
        status.Conditions!.Single(c => c.Type == type).Message;

    private static (string Status, string Reason) Condition(TrafficPolicyStatus status, string type) =>
        status.Conditions!.Single(c => c.Type == type) is var c ? (c.Status, c.Reason) : default;
}
