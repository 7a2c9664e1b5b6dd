using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>The computed status of a policy, the condition transitions it contains, and those of them worth an Event.</summary>
/// <param name="Status">The status to write.</param>
/// <param name="Transitions">Conditions whose status flipped or appeared.</param>
/// <param name="Announcements">What becomes Events (<see cref="StatusAnnouncements"/>).</param>
internal sealed record StatusUpdate(TrafficPolicyStatus Status, IReadOnlyList<ConditionTransition> Transitions, IReadOnlyList<ConditionTransition> Announcements);
