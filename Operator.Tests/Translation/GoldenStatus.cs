using System.Text;
using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Tests.Distribution;
using Junction.Reconciliation;
using k8s;
using k8s.Models;

namespace Junction.Tests.Translation;

/// <summary>
/// The status the operator computes for each policy of a golden case, for status.yaml. This is
/// the only file of the golden tests that calls into Reconciliation, so a change of its types
/// is met here alone.
/// The computation is the reconciler's own: <see cref="PolicyPlan.For"/> (validation, route
/// triage, translation with the case's options, child preparation) over a cluster view holding the
/// case's Services and Secrets, then <see cref="PolicyStatus.Compute"/>. The world it observes is
/// fixed and converged:
/// <list type="bullet">
/// <item>the clock reads <see cref="Clock"/> and the policy has no previous status, so every
/// lastTransitionTime is that instant;</item>
/// <item>a policy without metadata.generation has generation 1, as the API server gives it on create;</item>
/// <item>every desired child was written as desired, without conflict or failure;</item>
/// <item>the proxy Deployment has rolled out completely: its controller has observed generation 1
/// and every desired replica is updated, ready and available;</item>
/// <item>the Ingress's load balancer reports the address <see cref="IngressAddress"/>;</item>
/// <item>with agent delivery, every gateway replica's agent reports running a bundle that includes
/// generation 1; no pod exists, so a Sidecar-mode policy has no proxy to count.</item>
/// </list>
/// Unlike the render verb, the reconciler never assumes that a missing Service exists, so a case
/// marked assumeMissingServices shows its missing references here.
/// </summary>
internal static class GoldenStatus
{
    /// <summary>The instant every status of every case is computed at.</summary>
    public static readonly DateTimeOffset Clock = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The address the observed Ingress reports (TEST-NET-1, never routed).</summary>
    public const string IngressAddress = "192.0.2.10";

    /// <summary>Each policy's computed status, as YAML documents in the case's policy order.</summary>
    public static string Yaml(TranslationCase c)
    {
        var text = new StringBuilder();
        foreach (var (policy, status) in Compute(c))
        {
            var document = new StatusDocument(
                TrafficPolicy.ApiVersionString,
                TrafficPolicy.KindName,
                new V1ObjectMeta { Name = policy.Metadata.Name, NamespaceProperty = policy.Metadata.NamespaceProperty, Generation = policy.Metadata.Generation },
                status);
            text.Append("---\n").Append(KubernetesYaml.Serialize(document).TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Each policy of the case with the status the operator computes for it.</summary>
    public static IReadOnlyList<(TrafficPolicy Policy, TrafficPolicyStatus Status)> Compute(TranslationCase c)
    {
        var documents = c.Documents();
        var view = new CaseView(documents.OfType<V1Service>().ToList(), documents.OfType<V1Secret>().ToList(), documents.OfType<TrafficPolicy>().ToList(), documents.OfType<V1Deployment>().ToList());
        var policies = c.Policies();
        var results = new List<(TrafficPolicy, TrafficPolicyStatus)>();
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            policy.Metadata.Generation ??= 1;
            policy.Metadata.Uid ??= $"00000000-0000-0000-0000-{i + 1:D12}";
            var options = c.Context(i).Options;
            var plan = PolicyPlan.For(policy, view, options);
            var outcome = plan.Rejected
                ? ApplyOutcome.NotAttempted
                : new ApplyOutcome(plan.Desired.Select(d => (ChildResult)new ChildResult.Written(Observed(d))).ToList());
            var generation = new PolicyGeneration(policy.Metadata.NamespaceProperty, policy.Metadata.Name, policy.Metadata.Generation ?? 1);
            var acks = ProxyScope.For(policy, plan, view, options.ConfigDelivery) is { } scope ? ProxyAcks.Of(scope, Converged(scope, generation), generation) : null;
            var inputs = new StatusInputs(policy, plan, outcome, Clock) { Acks = acks };
            results.Add((policy, PolicyStatus.Compute(inputs).Status));
        }

        return results;
    }

    // Every instance of the scope reports, at the clock's instant, a bundle that includes the generation.
    private static FakeProxyReports Converged(ProxyScope scope, PolicyGeneration generation)
    {
        var reports = new FakeProxyReports(new FixedClock());
        reports.Served("converged", generation);
        foreach (var proxy in scope.Proxies)
        {
            for (var i = 0; i < scope.Expected; i++)
            {
                reports.Report(proxy, $"{proxy.Name}-{i}", "converged");
            }
        }

        return reports;
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Clock;
    }

    // The child as the API server would hold it once its controllers have caught up.
    private static IKubernetesObject<V1ObjectMeta> Observed(IKubernetesObject<V1ObjectMeta> desired)
    {
        switch (desired)
        {
            case V1Deployment d:
                var deployment = KubernetesJson.Deserialize<V1Deployment>(KubernetesJson.Serialize(d));
                var replicas = deployment.Spec.Replicas ?? 1;
                deployment.Metadata.Generation = 1;
                deployment.Status = new V1DeploymentStatus
                {
                    ObservedGeneration = 1,
                    Replicas = replicas,
                    UpdatedReplicas = replicas,
                    ReadyReplicas = replicas,
                    AvailableReplicas = replicas,
                };
                return deployment;
            case V1Ingress i:
                var ingress = KubernetesJson.Deserialize<V1Ingress>(KubernetesJson.Serialize(i));
                ingress.Status = new V1IngressStatus
                {
                    LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = IngressAddress }] },
                };
                return ingress;
            default:
                return desired;
        }
    }

    /// <summary>What status.yaml shows of a policy: who it is and its status.</summary>
    private sealed record StatusDocument(string ApiVersion, string Kind, V1ObjectMeta Metadata, TrafficPolicyStatus Status);

    /// <summary>The case's Services and Secrets; no child exists before the first write.</summary>
    private sealed class CaseView(IReadOnlyList<V1Service> services, IReadOnlyList<V1Secret> secrets, IReadOnlyList<TrafficPolicy> policies, IReadOnlyList<V1Deployment> deployments) : IClusterView
    {
        public IReadOnlyList<TrafficPolicy> PoliciesIn(string ns) => policies.Where(p => (p.Metadata.NamespaceProperty ?? "default") == ns).ToList();

        public IReadOnlyList<Junction.Mesh.Sidecar.ServingWorkload> WorkloadsIn(string ns) =>
            deployments.Select(Junction.Mesh.Sidecar.ServingWorkload.From).OfType<Junction.Mesh.Sidecar.ServingWorkload>().Where(w => w.Namespace == ns).ToList();

        public TrafficPolicy? Policy(string ns, string name) => null;

        public V1Service? Service(string ns, string name) => services.FirstOrDefault(s => s.Metadata.Name == name && (s.Metadata.NamespaceProperty ?? ns) == ns);

        public V1Secret? Secret(string ns, string name) => secrets.FirstOrDefault(s => s.Metadata.Name == name && (s.Metadata.NamespaceProperty ?? ns) == ns);

        public IReadOnlyList<V1Pod> Pods(string ns, IDictionary<string, string> selector) => [];

        public IKubernetesObject<V1ObjectMeta>? Child(ChildKind kind, string ns, string name) => null;

        public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ChildrenOf(string policyUid) => [];
    }
}
