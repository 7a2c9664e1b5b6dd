using Junction.Api.V1Alpha1;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Computes a policy's status from what was validated, translated, applied and observed.</summary>
internal static class PolicyStatus
{
    /// <summary>
    /// The new status. lastTransitionTime is carried over from the previous condition of the same
    /// type unless its status flipped, so an unchanged world yields an identical status.
    /// </summary>
    public static StatusUpdate Compute(StatusInputs input)
    {
        var programmed = PolicyConditions.Programmed(input);
        ConditionVerdict[] verdicts =
        [
            PolicyConditions.Accepted(input),
            PolicyConditions.ResolvedRefs(input),
            programmed,
            PolicyConditions.Ready(input, programmed),
        ];
        var generation = input.Policy.Metadata.Generation;
        var previous = input.Policy.Status?.Conditions ?? [];
        var now = TruncateToSeconds(input.Now);
        var conditions = verdicts.Select(v => Stamp(v, previous, generation, now)).ToList();
        var status = new TrafficPolicyStatus
        {
            ObservedGeneration = generation,
            Mode = input.Policy.Spec?.Proxy?.Mode ?? ProxyModes.Gateway,
            Hosts = input.Policy.Spec?.Ingress?.Hosts is { Count: > 0 } hosts ? string.Join(",", hosts) : null,
            Conditions = conditions,
            // Children of a rejected spec are left alone, and so is what status says about them.
            Ingress = input.Rejected ? input.Policy.Status?.Ingress : IngressSummary(input),
            Proxy = input.Rejected ? input.Policy.Status?.Proxy : ProxySummary(input),
            Warnings = Warnings(input),
        };
        return new StatusUpdate(status, Transitions(verdicts, previous), StatusAnnouncements.Of(previous, conditions));
    }

    // Risky settings, then every field that is accepted but not enforced.
    private static List<string>? Warnings(StatusInputs input)
    {
        var warnings = input.Plan.Validation.Warnings.Concat(input.Plan.Unenforced).Select(w => w.ToString()).ToList();
        return warnings.Count == 0 ? null : warnings;
    }

    private static V1Condition Stamp(ConditionVerdict verdict, IList<V1Condition> previous, long? generation, DateTime now)
    {
        var before = previous.FirstOrDefault(c => c.Type == verdict.Type);
        return new V1Condition
        {
            Type = verdict.Type,
            Status = verdict.Status,
            Reason = verdict.Reason,
            Message = verdict.Message,
            ObservedGeneration = generation,
            LastTransitionTime = before is not null && before.Status == verdict.Status ? before.LastTransitionTime : now,
        };
    }

    private static List<ConditionTransition> Transitions(IEnumerable<ConditionVerdict> verdicts, IList<V1Condition> previous) =>
        verdicts
            .Where(v => previous.FirstOrDefault(c => c.Type == v.Type)?.Status != v.Status)
            .Select(v => new ConditionTransition(v.Type, v.Status, v.Reason, v.Message))
            .ToList();

    private static IngressStatusSummary? IngressSummary(StatusInputs input)
    {
        if (PolicyConditions.DesiredChild<V1Ingress>(input) is not { } desired)
        {
            return null;
        }

        var addresses = PolicyConditions.IngressAddresses(input.Apply.Child<V1Ingress>(desired.Metadata.Name));
        return new IngressStatusSummary { Name = desired.Metadata.Name, Addresses = addresses.Count == 0 ? null : addresses.ToList() };
    }

    private static ProxyStatusSummary? ProxySummary(StatusInputs input)
    {
        var desired = PolicyConditions.DesiredChild<V1Deployment>(input);
        if (desired is null && input.Acks is null)
        {
            return null;
        }

        var summary = new ProxyStatusSummary();
        if (desired is not null)
        {
            var rollout = ProxyRollout.Of(desired, input.Apply.Child<V1Deployment>(desired.Metadata.Name));
            summary.Name = desired.Metadata.Name;
            summary.Replicas = rollout.Desired;
            summary.ReadyReplicas = rollout.Ready;
            summary.UpdatedReplicas = rollout.Current;
            summary.ConfigHash = input.Plan.ConfigHash;
        }

        if (input.Acks is { } acks)
        {
            summary.Instances = acks.Instances;
            summary.Current = acks.Current;
            summary.Unknown = acks.Unknown;
            summary.Summary = acks.Summary;
            summary.Sidecars = acks.Sidecars;
            summary.Rejected = acks.Rejected is { } rejected ? new ProxyRejectionStatus { Instance = rejected.Instance, Message = rejected.Message } : null;
        }

        return summary;
    }

    // metav1.Time has whole seconds on the wire; a finer value would never compare equal after a round trip.
    private static DateTime TruncateToSeconds(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
