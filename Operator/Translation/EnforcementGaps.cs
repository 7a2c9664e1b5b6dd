using Junction.Api.V1Alpha1;
using Junction.Validation;

namespace Junction.Translation;

/// <summary>
/// The fields of a valid policy that Junction accepts but no proxy it runs enforces yet. Status
/// names each one and keeps Ready False, and validate/render print them, so a policy is never
/// reported as working for traffic it does not control.
/// </summary>
internal static class EnforcementGaps
{
    /// <summary>The condition reason for a policy with gaps.</summary>
    public const string Reason = "NotEnforced";

    /// <summary>Every unenforced field of the policy, with what does not happen.</summary>
    public static IReadOnlyList<FieldProblem> Of(TrafficPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Spec;
        var gaps = new List<FieldProblem>();
        var mode = spec.Proxy?.Mode ?? ProxyModes.Gateway;
        if (mode == ProxyModes.Sidecar)
        {
            // Sidecars enforce the whole spec; whether they run it is what their agents report,
            // and status counts those reports (Ready: "N of M proxies run generation G").
            return gaps;
        }

        // A gateway enforces spec.mtls towards its backends (meshed ones over mTLS; Strict refuses
        // any other). With no proxy at all, nothing does.
        if (spec.Mtls is { } mtls && (mtls.Mode ?? "Permissive") != "Disabled" && mode == ProxyModes.None)
        {
            gaps.Add(new FieldProblem("spec.mtls", $"mode {mtls.Mode ?? "Permissive"} is not enforced: proxy.mode None runs no proxy, so nothing requires or originates mutual TLS"));
        }

        if (spec.Authorization is not null && mode != ProxyModes.Gateway)
        {
            gaps.Add(new FieldProblem("spec.authorization", "is not enforced: the proxies do not check callers yet, so every request is let through"));
        }

        // A gateway enforces methods and paths; it has no caller identity, so a rule naming callers
        // allows nothing there (fail closed). Only under defaultAction Deny does that differ from the spec.
        if (spec.Authorization is { } authz && mode == ProxyModes.Gateway && (authz.DefaultAction ?? "Deny") == "Deny")
        {
            for (var i = 0; i < (authz.Rules?.Count ?? 0); i++)
            {
                if (authz.Rules![i]?.From is { ServiceAccounts.Count: > 0 } or { Namespaces.Count: > 0 })
                {
                    gaps.Add(new FieldProblem(
                        $"spec.authorization.rules[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}].from",
                        "is not enforced in Gateway mode: the gateway's clients present no mesh identity, so this rule allows nothing there and the requests it names are denied (fail closed). Identity rules are enforced by the target's sidecars: put this rule in a Sidecar-mode policy on the backend Service, where the gateway calls with its own identity (service account " + Ir.GatewayIdentity.GatewayServiceAccount + " of this namespace)"));
                }
            }
        }

        return gaps;
    }
}
