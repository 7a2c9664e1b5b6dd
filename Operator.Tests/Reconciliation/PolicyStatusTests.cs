using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using Junction.Validation;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Reconciliation;

public sealed class PolicyStatusTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 4, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void Compute_RolledOutWithAddress_AllTrue()
    {
        var update = PolicyStatus.Compute(Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1")));

        Assert.All(update.Status.Conditions!, c => Assert.Equal("True", c.Status));
        Assert.All(update.Status.Conditions!, c => Assert.Equal(4, c.ObservedGeneration));
        Assert.Equal(4, update.Status.ObservedGeneration);
        Assert.Equal(["127.0.0.1"], update.Status.Ingress!.Addresses!);
        Assert.Equal((2, 2, 2, "cafe"), (update.Status.Proxy!.Replicas, update.Status.Proxy.ReadyReplicas, update.Status.Proxy.UpdatedReplicas, update.Status.Proxy.ConfigHash));
    }

    [Fact]
    public void Compute_HalfRolledOut_ReadyFalseProxyNotReady()
    {
        var update = PolicyStatus.Compute(Inputs(Rollout(updated: 1, available: 2, total: 3), Address("127.0.0.1")));

        var ready = Condition(update, "Ready");
        Assert.Equal(("False", "ProxyNotReady"), (ready.Status, ready.Reason));
        Assert.StartsWith("1 of 2 proxy replicas run the current config", ready.Message, StringComparison.Ordinal);
        Assert.Equal(1, update.Status.Proxy!.UpdatedReplicas);
    }

    [Fact]
    public void Compute_PodsNotReadyAndDeploymentSilent_PointsAtTheConfigCheck()
    {
        var update = PolicyStatus.Compute(Inputs(Rollout(updated: 2, available: 0), Address("127.0.0.1")));

        var ready = Condition(update, "Ready");
        Assert.Equal(("False", "ProxyNotReady"), (ready.Status, ready.Reason));
        Assert.EndsWith("Proxy pods are not ready; the config check runs in init container config-check.", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_DeploymentPastItsProgressDeadline_ReadyFalseProxyFailingWithItsMessage()
    {
        var deployment = Rollout(updated: 2, available: 0);
        deployment.Status.Conditions =
        [
            new V1DeploymentCondition { Type = "Available", Status = "False", Reason = "MinimumReplicasUnavailable", Message = "Deployment does not have minimum availability." },
            new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = "ReplicaSet \"checkout-proxy-7d9\" has timed out progressing." },
        ];

        var update = PolicyStatus.Compute(Inputs(deployment, Address("127.0.0.1")));

        var ready = Condition(update, "Ready");
        Assert.Equal(("False", "ProxyFailing"), (ready.Status, ready.Reason));
        Assert.Equal("0 of 2 proxy replicas run the current config. Deployment Progressing=False ProgressDeadlineExceeded: ReplicaSet \"checkout-proxy-7d9\" has timed out progressing.", ready.Message);
    }

    [Fact]
    public void Compute_DeploymentGenerationNotObserved_NothingCurrent()
    {
        var deployment = Rollout(updated: 2, available: 2);
        deployment.Metadata.Generation = 5;
        deployment.Status.ObservedGeneration = 4;

        var update = PolicyStatus.Compute(Inputs(deployment, Address("127.0.0.1")));

        Assert.Equal("ProxyNotReady", Condition(update, "Ready").Reason);
        Assert.Equal(0, update.Status.Proxy!.UpdatedReplicas);
    }

    [Fact]
    public void Compute_IngressWithoutAddress_AddressPending()
    {
        var update = PolicyStatus.Compute(Inputs(Rollout(updated: 2, available: 2), Address()));

        var ready = Condition(update, "Ready");
        Assert.Equal(("False", "AddressPending"), (ready.Status, ready.Reason));
        Assert.Contains("Ingress shop/checkout", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_InvalidSpec_AcceptedFalseNamesFieldPath()
    {
        var report = new ValidationReport([new FieldProblem("spec.routes[0].backendRefs[0].weight", "must be between 0 and 1000")], []);
        var input = Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1"));
        input = input with { Plan = input.Plan with { Validation = report, Rejected = true, Desired = [] }, Apply = ApplyOutcome.NotAttempted };

        var update = PolicyStatus.Compute(input);

        var accepted = Condition(update, "Accepted");
        Assert.Equal(("False", "Invalid"), (accepted.Status, accepted.Reason));
        Assert.Contains("spec.routes[0].backendRefs[0].weight: must be between 0 and 1000", accepted.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "Invalid"), (Condition(update, "Programmed").Status, Condition(update, "Programmed").Reason));
        Assert.Equal("Unknown", Condition(update, "ResolvedRefs").Status);
    }

    [Fact]
    public void Compute_MissingBackend_ResolvedRefsFalseWithReason()
    {
        var input = Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1"));
        input = input with { Plan = input.Plan with { References = [new ReferenceIssue("BackendNotFound", "spec.targetRef: Service shop/checkout not found")] } };

        var refs = Condition(PolicyStatus.Compute(input), "ResolvedRefs");

        Assert.Equal(("False", "BackendNotFound"), (refs.Status, refs.Reason));
        Assert.Contains("Service shop/checkout not found", refs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_Conflict_ProgrammedFalseAndReadyFalse()
    {
        var input = Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1"));
        input = input with { Apply = new ApplyOutcome([.. input.Apply.Results, new ChildResult.Foreign(new ChildProblem("Ingress", "shop", "checkout", "exists and has no controller; Junction does not overwrite it"))]) };

        var update = PolicyStatus.Compute(input);

        var programmed = Condition(update, "Programmed");
        Assert.Equal(("False", "Conflict"), (programmed.Status, programmed.Reason));
        Assert.Contains("Ingress shop/checkout", programmed.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "NotProgrammed"), (Condition(update, "Ready").Status, Condition(update, "Ready").Reason));
    }

    [Fact]
    public void Compute_NoFlip_KeepsTransitionTimeAndEmitsNoTransition()
    {
        var first = PolicyStatus.Compute(Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1")) with { Now = Earlier });
        var input = Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1"));
        input.Policy.Status = RoundTrip(first.Status);

        var second = PolicyStatus.Compute(input);

        Assert.Equal(4, first.Transitions.Count);
        Assert.Empty(second.Transitions);
        Assert.All(second.Status.Conditions!, c => Assert.Equal(Earlier.UtcDateTime, c.LastTransitionTime));
        Assert.True(StatusComparison.Same(input.Policy.Status, second.Status));
    }

    [Fact]
    public void Compute_ReadyFlips_NewTransitionTimeOnlyForReady()
    {
        var first = PolicyStatus.Compute(Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1")) with { Now = Earlier });
        var input = Inputs(Rollout(updated: 1, available: 1), Address("127.0.0.1"));
        input.Policy.Status = RoundTrip(first.Status);

        var second = PolicyStatus.Compute(input);

        var transition = Assert.Single(second.Transitions);
        Assert.Equal(("Ready", "False", true), (transition.Type, transition.Status, transition.IsWarning));
        Assert.Equal(new DateTime(2026, 1, 2, 4, 0, 0, DateTimeKind.Utc), Condition(second, "Ready").LastTransitionTime);
        Assert.Equal(Earlier.UtcDateTime, Condition(second, "Accepted").LastTransitionTime);
        Assert.False(StatusComparison.Same(input.Policy.Status, second.Status));
    }

    [Fact]
    public void Compute_Warnings_CopiedWithFieldPath()
    {
        var report = new ValidationReport([], [new FieldProblem("spec.retry", "retries POST")]);
        var input = Inputs(Rollout(updated: 2, available: 2), Address("127.0.0.1"));
        var update = PolicyStatus.Compute(input with { Plan = input.Plan with { Validation = report } });

        Assert.Equal(["spec.retry: retries POST"], update.Status.Warnings!);
    }

    private static V1Condition Condition(StatusUpdate update, string type) =>
        update.Status.Conditions!.Single(c => c.Type == type);

    private static TrafficPolicyStatus RoundTrip(TrafficPolicyStatus status) =>
        KubernetesJson.Deserialize<TrafficPolicyStatus>(KubernetesJson.Serialize(status));

    private static StatusInputs Inputs(V1Deployment observedDeployment, V1Ingress observedIngress)
    {
        var policy = new TrafficPolicy { Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop", Uid = "u", Generation = 4 } };
        var desiredDeployment = (V1Deployment)OwnedFields.Prepare(Deployment(), policy);
        var desiredIngress = OwnedFields.Prepare(OwnedFieldsTests.Ingress(tls: false), policy);
        observedDeployment.Metadata.Annotations = desiredDeployment.Metadata.Annotations;
        var apply = new ApplyOutcome([new ChildResult.Unchanged(observedDeployment), new ChildResult.Unchanged(observedIngress)]);
        var plan = new PolicyPlan(new ValidationReport([], []), false, [], [desiredDeployment, desiredIngress], [], "cafe");
        return new StatusInputs(policy, plan, apply, Now);
    }

    private static V1Deployment Deployment() => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "checkout-proxy", NamespaceProperty = "shop" },
        Spec = new V1DeploymentSpec { Replicas = 2 },
    };

    private static V1Deployment Rollout(int updated, int available, int? total = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "checkout-proxy", NamespaceProperty = "shop", Generation = 2 },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = 2,
            Replicas = total ?? updated,
            UpdatedReplicas = updated,
            AvailableReplicas = available,
            ReadyReplicas = available,
        },
    };

    private static V1Ingress Address(params string[] ips) => new()
    {
        Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
        Status = new V1IngressStatus
        {
            LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = ips.Select(ip => new V1IngressLoadBalancerIngress { Ip = ip }).ToList() },
        },
    };
}
