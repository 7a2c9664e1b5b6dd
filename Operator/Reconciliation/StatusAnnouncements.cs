using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// Which condition changes become Events: the ones a person needs. One Normal Event when a policy
/// becomes Ready; one Warning when a problem appears (a condition turns False for a reason other
/// than a rollout in progress, or some routes are left out); none for conditions that merely turn
/// True on the way to Ready, and none for proxies starting or an address being assigned.
/// </summary>
internal static class StatusAnnouncements
{
    /// <summary>The Events that the change from <paramref name="previous"/> to <paramref name="next"/> deserves, in condition order.</summary>
    public static IReadOnlyList<ConditionTransition> Of(IList<V1Condition> previous, IList<V1Condition> next)
    {
        var announced = new List<ConditionTransition>();
        foreach (var condition in next)
        {
            var before = previous.FirstOrDefault(c => c.Type == condition.Type);
            if (condition.Type == ConditionTypes.Ready && condition.Status == "True" && before?.Status != "True")
            {
                announced.Add(Transition(condition));
            }
            else if (IsProblem(condition) && !SameProblem(before, condition) && !EchoesAnother(condition, next))
            {
                announced.Add(Transition(condition));
            }
        }

        return announced;
    }

    private static ConditionTransition Transition(V1Condition c) => new(c.Type, c.Status, c.Reason ?? "", c.Message ?? "");

    // Unknown says "not checked" (while the spec is invalid), which the Accepted Warning already explains.
    private static bool IsProblem(V1Condition c) =>
        (c.Status == "False" && !Transition(c).IsRolloutInProgress)
        || (c.Status == "True" && c.Reason == ConditionReasons.PartiallyInvalid);

    // A problem that stays (same status, same reason) was announced when it appeared; the message may change with retries.
    private static bool SameProblem(V1Condition? before, V1Condition now) =>
        before is not null && IsProblem(before) && before.Status == now.Status && before.Reason == now.Reason;

    // One Warning per problem, from the condition that owns it: Ready repeats the root cause another
    // condition names (a missing reference, unwritten children), and an invalid spec is Accepted's.
    private static bool EchoesAnother(V1Condition condition, IList<V1Condition> next) =>
        (condition.Type == ConditionTypes.Ready && next.Any(c => c.Type != ConditionTypes.Ready && c.Status != "True"))
        || (condition.Type != ConditionTypes.Accepted && condition.Reason == ConditionReasons.Invalid);
}
