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

    /// <summary>The condition reason for a Sidecar-mode policy whose config no sidecar reports running.</summary>
    public const string SidecarReason = "NoProxyReports";

    /// <summary>True when the only gap is that no sidecar reports the rendered config.</summary>
    public static bool OnlyUnreported(IReadOnlyList<FieldProblem> gaps)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        return gaps is [{ Path: SidecarPath }];
    }

    private const string SidecarPath = "spec.proxy.mode";

    /// <summary>Every unenforced field of the policy, with what does not happen.</summary>
    public static IReadOnlyList<FieldProblem> Of(TrafficPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Spec;
        var gaps = new List<FieldProblem>();
        var mode = spec.Proxy?.Mode ?? ProxyModes.Gateway;
        if (mode == ProxyModes.Sidecar)
        {
            // The sidecar bundle (routes, mTLS, authorization) is rendered, but nothing delivers
            // it to pods or reports it running yet, so no traffic is known to be under it.
            gaps.Add(new FieldProblem(SidecarPath, "Sidecar config is rendered (routes, retries, timeouts, limits, mTLS and authorization), but no sidecar reports running it yet, so it is not known to apply to any traffic"));
            return gaps;
        }

        if (spec.Mtls is { } mtls && (mtls.Mode ?? "Permissive") != "Disabled")
        {
            gaps.Add(new FieldProblem("spec.mtls", $"mode {mtls.Mode ?? "Permissive"} is not enforced: the proxies neither require nor originate mutual TLS yet, so plaintext is accepted"));
        }

        if (spec.Authorization is not null)
        {
            gaps.Add(new FieldProblem("spec.authorization", "is not enforced: the proxies do not check callers yet, so every request is let through"));
        }

        return gaps;
    }
}
