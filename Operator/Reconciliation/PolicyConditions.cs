using Junction.Validation;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>The four conditions of a policy, each a pure function of the status inputs.</summary>
internal static class PolicyConditions
{
    // Enough problems to act on without turning kubectl describe into a wall of text.
    private const int MaxListed = 5;

    /// <summary>Accepted: the spec is valid (PartiallyInvalid when some routes were left out).</summary>
    public static ConditionVerdict Accepted(StatusInputs input)
    {
        var errors = input.Plan.Validation.Errors;
        if (input.Rejected)
        {
            return ConditionVerdict.False(ConditionTypes.Accepted, ConditionReasons.Invalid, "The spec is invalid: " + List(errors));
        }

        if (input.Plan.DroppedRoutes.Count > 0)
        {
            var routes = string.Join(", ", input.Plan.DroppedRoutes.Select(i => $"spec.routes[{i}]"));
            return ConditionVerdict.True(ConditionTypes.Accepted, ConditionReasons.PartiallyInvalid, $"Invalid routes {routes} are left out: " + List(errors));
        }

        return input.Plan.Unenforced.Count == 0
            ? ConditionVerdict.True(ConditionTypes.Accepted, ConditionReasons.Accepted, "The spec is valid.")
            : ConditionVerdict.True(ConditionTypes.Accepted, ConditionReasons.Accepted, "The spec is valid, but not all of it is enforced: " + List(input.Plan.Unenforced));
    }

    /// <summary>ResolvedRefs: the target, backends and Secrets exist and have the ports.</summary>
    public static ConditionVerdict ResolvedRefs(StatusInputs input)
    {
        if (input.Rejected)
        {
            return ConditionVerdict.Unknown(ConditionTypes.ResolvedRefs, ConditionReasons.Invalid, "References are not checked while the spec is invalid.");
        }

        var issues = input.Plan.References;
        return issues.Count == 0
            ? ConditionVerdict.True(ConditionTypes.ResolvedRefs, ConditionReasons.ResolvedRefs, "All referenced Services, ports and Secrets exist.")
            : ConditionVerdict.False(ConditionTypes.ResolvedRefs, issues[0].Reason, List(issues.Select(i => i.Message).ToList()));
    }

    /// <summary>Programmed: every child is written and matches the current generation.</summary>
    public static ConditionVerdict Programmed(StatusInputs input)
    {
        var apply = input.Apply;
        if (input.Rejected)
        {
            return ConditionVerdict.False(ConditionTypes.Programmed, ConditionReasons.Invalid, "Nothing is written while the spec is invalid; existing children are left as they are.");
        }

        if (apply.Conflicts.Count > 0)
        {
            return ConditionVerdict.False(ConditionTypes.Programmed, ConditionReasons.Conflict, List(apply.Conflicts.Select(c => c.ToString()).ToList()));
        }

        if (apply.Failures.Count > 0)
        {
            return ConditionVerdict.False(ConditionTypes.Programmed, ConditionReasons.ApplyFailed, List(apply.Failures.Select(c => c.ToString()).ToList()));
        }

        // The proxy's own words: the old config keeps serving, and nothing in the objects says why.
        return input.Acks?.Rejected is { OfCurrentGeneration: true } rejected
            ? ConditionVerdict.False(
                ConditionTypes.Programmed,
                ConditionReasons.ProxyRejected,
                $"Proxy {rejected.Instance} rejected the config of generation {input.Policy.Metadata.Generation ?? 0} and keeps running its previous one: {rejected.Message}")
            : ConditionVerdict.True(ConditionTypes.Programmed, ConditionReasons.Programmed, $"{input.Plan.Desired.Count} child objects match generation {input.Policy.Metadata.Generation ?? 0}.");
    }

    // Pods that do not become ready: the Deployment's own word when it has given up (Progressing=False,
    // e.g. ProgressDeadlineExceeded after crash loops or a failing config check, or ReplicaFailure),
    // as ProxyFailing; else a pointer to the config check, whose failure keeps pods in Init.
    private static (string Reason, string Detail) NotReadyDetail(V1Deployment? observed)
    {
        if (observed?.Status is not { } status || ((status.ReadyReplicas ?? 0) >= (status.Replicas ?? 0) && (status.Replicas ?? 0) > 0))
        {
            return (ConditionReasons.ProxyNotReady, "");
        }

        var stuck = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing" && c.Status == "False")
            ?? status.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True");
        return stuck is not null
            ? (ConditionReasons.ProxyFailing, $" Deployment {stuck.Type}={stuck.Status} {stuck.Reason}: {stuck.Message}")
            : (ConditionReasons.ProxyNotReady, $" Proxy pods are not ready; the config check runs in init container {Objects.ChildObjects.ConfigCheckContainerName}.");
    }

    /// <summary>Ready: programmed, every proxy replica runs the current config, the Ingress has an address.</summary>
    public static ConditionVerdict Ready(StatusInputs input, ConditionVerdict programmed)
    {
        // Ready is a promise about traffic, so it names the root cause: an invalid spec, then a
        // missing reference, then unwritten children, then fields no proxy enforces, then rollout.
        if (input.Rejected)
        {
            return ConditionVerdict.False(ConditionTypes.Ready, ConditionReasons.Invalid, "The spec is invalid (see the Accepted condition).");
        }

        var references = ResolvedRefs(input);
        if (!references.IsTrue)
        {
            return ConditionVerdict.False(ConditionTypes.Ready, references.Reason, references.Message);
        }

        if (!programmed.IsTrue)
        {
            return ConditionVerdict.False(ConditionTypes.Ready, ConditionReasons.NotProgrammed, "The child objects are not programmed (see the Programmed condition).");
        }

        if (input.Plan.Unenforced.Count > 0)
        {
            return ConditionVerdict.False(ConditionTypes.Ready, ConditionReasons.NotEnforced, "Not enforced by any proxy: " + List(input.Plan.Unenforced));
        }

        var parts = new List<string>();
        if (input.Acks is { } acks)
        {
            if (acks.WithoutSidecar is [var first, ..] missing)
            {
                var more = missing.Count > 1 ? $" (and {missing.Count - 1} more)" : "";
                return ConditionVerdict.False(
                    ConditionTypes.Ready,
                    ConditionReasons.SidecarMissing,
                    $"{acks.Summary}; {acks.Sidecars} of {acks.Instances} pods have the Junction sidecar: pod {first}{more} has no Junction sidecar (namespace not labelled {MeshIdentityNames.InjectLabel}={MeshIdentityNames.InjectEnabled}, or the pod opted out).");
            }

            if (!acks.AllCurrent)
            {
                return NotCurrent(input, acks);
            }

            parts.Add(acks.Summary);
        }
        else if (DesiredChild<V1Deployment>(input) is { } deployment)
        {
            var observed = input.Apply.Child<V1Deployment>(deployment.Metadata.Name);
            var rollout = ProxyRollout.Of(deployment, observed);
            var running = $"{rollout.Current} of {rollout.Desired} proxy replicas run the current config";
            if (!rollout.Complete)
            {
                var stale = rollout.Stale > 0 ? $" ({rollout.Stale} still run an older one)" : "";
                var (reason, detail) = NotReadyDetail(observed);
                return ConditionVerdict.False(ConditionTypes.Ready, reason, running + stale + "." + detail);
            }

            parts.Add(running);
        }

        if (DesiredChild<V1Ingress>(input) is { } ingress)
        {
            var name = $"Ingress {ingress.Metadata.NamespaceProperty}/{ingress.Metadata.Name}";
            var addresses = IngressAddresses(input.Apply.Child<V1Ingress>(ingress.Metadata.Name));
            if (addresses.Count == 0)
            {
                return ConditionVerdict.False(ConditionTypes.Ready, ConditionReasons.AddressPending, $"{name} has no address yet.");
            }

            parts.Add($"{name} has address {string.Join(", ", addresses)}");
        }

        var message = parts.Count == 0 ? "Every child object is programmed." : string.Join("; ", parts) + ".";
        return ConditionVerdict.True(ConditionTypes.Ready, ConditionReasons.Ready, message);
    }

    // Counted from the agents' reports. A gateway's Deployment that has given up (pods that never
    // start, an image that cannot be pulled) is named, since no agent can report from such a pod.
    private static ConditionVerdict NotCurrent(StatusInputs input, ProxyAcks acks)
    {
        if (acks.Instances == 0)
        {
            return ConditionVerdict.False(ConditionTypes.Ready, ConditionReasons.NoProxies, $"{acks.Summary}: there are no {acks.Description}, so no proxy enforces the policy.");
        }

        var observed = DesiredChild<V1Deployment>(input) is { } deployment ? input.Apply.Child<V1Deployment>(deployment.Metadata.Name) : null;
        var (reason, detail) = NotReadyDetail(observed);
        return reason == ConditionReasons.ProxyFailing
            ? ConditionVerdict.False(ConditionTypes.Ready, reason, acks.Summary + "." + detail)
            : ConditionVerdict.False(ConditionTypes.Ready, ConditionReasons.ProxyNotReady, $"{acks.Summary} ({acks.Description}).");
    }

    /// <summary>The IPs or host names the Ingress's load balancer reports.</summary>
    public static IReadOnlyList<string> IngressAddresses(V1Ingress? ingress) =>
        ingress?.Status?.LoadBalancer?.Ingress?
            .Select(i => i.Ip ?? i.Hostname)
            .OfType<string>()
            .Where(a => a.Length > 0)
            .ToList() ?? [];

    /// <summary>The desired child of a type, e.g. the proxy Deployment.</summary>
    public static T? DesiredChild<T>(StatusInputs input)
        where T : class =>
        input.Plan.Desired.OfType<T>().FirstOrDefault();

    private static string List(IReadOnlyList<FieldProblem> problems) =>
        List(problems.Select(p => p.ToString()).ToList());

    private static string List(IReadOnlyList<string> items)
    {
        var shown = string.Join("; ", items.Take(MaxListed));
        return items.Count > MaxListed ? $"{shown}; and {items.Count - MaxListed} more." : shown + (shown.EndsWith('.') ? "" : ".");
    }
}
