using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>The computed status of a policy and the condition transitions it contains.</summary>
internal sealed record StatusUpdate(TrafficPolicyStatus Status, IReadOnlyList<ConditionTransition> Transitions);
