using Junction.Api.V1Alpha1;
using Junction.Ir;
using Junction.Mesh.Gateway;
using Junction.Objects;
using Junction.Translation;
using Junction.Validation;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>What a policy should produce, computed from the policy and the cached objects it references.</summary>
/// <param name="Validation">The validator's verdict on the full spec.</param>
/// <param name="Rejected">True when the spec is invalid and nothing is to be written.</param>
/// <param name="DroppedRoutes">Invalid routes left out of translation.</param>
/// <param name="Desired">The children, prepared for writing (owner reference, applied hash), in apply order.</param>
/// <param name="References">References that do not resolve.</param>
/// <param name="ConfigHash">Hash of the generated haproxy.cfg, when there is a proxy.</param>
internal sealed record PolicyPlan(
    ValidationReport Validation,
    bool Rejected,
    IReadOnlyList<int> DroppedRoutes,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Desired,
    IReadOnlyList<ReferenceIssue> References,
    string? ConfigHash)
{
    /// <summary>Accepted fields no proxy enforces yet (<see cref="EnforcementGaps"/>); they keep Ready False.</summary>
    public IReadOnlyList<FieldProblem> Unenforced { get; init; } = [];

    /// <summary>The translated IR; null when the spec was rejected.</summary>
    public ProxyFragment? Fragment { get; init; }

    /// <summary>The identity a meshed gateway presents to its backends, whose Secret the reconciler keeps; null when it needs none.</summary>
    public GatewayIdentity? Identity => Fragment?.Mesh?.Identity;

    /// <summary>
    /// The plan with the gateway Deployment's pod template carrying the identity Secret's hash, so
    /// that pods, which read the certificate only at start, roll onto a new one.
    /// </summary>
    public PolicyPlan WithIdentityHash(TrafficPolicy policy, string identityHash)
    {
        ArgumentNullException.ThrowIfNull(policy);
        // With agent delivery the template carries neither config nor identity: the agent fetches both.
        var current = Desired.OfType<k8s.Models.V1Deployment>().FirstOrDefault();
        if (Fragment is null || ConfigHash is null || current?.Spec?.Template?.Metadata?.Annotations?.ContainsKey(ChildObjects.ConfigHashAnnotation) != true)
        {
            return this;
        }

        var deployment = OwnedFields.Prepare(ChildObjects.ProxyDeployment(Fragment, ConfigHash, identityHash), policy);
        return this with { Desired = Desired.Select(d => d is k8s.Models.V1Deployment ? deployment : d).ToList() };
    }

    /// <summary>Validates, sets invalid routes aside, translates and prepares the children.</summary>
    public static PolicyPlan For(TrafficPolicy policy, IClusterView view, TranslatorOptions options) =>
        For(policy, view, options, ValidationOptions.Default);

    /// <summary>Validates with the operator's validation settings, sets invalid routes aside, translates and prepares the children.</summary>
    public static PolicyPlan For(TrafficPolicy policy, IClusterView view, TranslatorOptions options, ValidationOptions validation)
    {
        var report = PolicyValidation.Validate(policy, validation);
        var dropped = report.IsValid ? [] : RouteTriage.DroppableRoutes(report, policy);
        var effective = dropped.Count > 0 ? RouteTriage.WithoutRoutes(policy, dropped) : policy;
        if (!report.IsValid && (dropped.Count == 0 || !PolicyValidation.Validate(effective, validation).IsValid))
        {
            return new PolicyPlan(report, true, [], [], [], null);
        }

        var result = PolicyTranslator.Translate(effective, Context(policy, view, options));
        var desired = result.Objects.Select(o => OwnedFields.Prepare(o, policy)).ToList();
        var references = result.Problems.Select(p => new ReferenceIssue(p.Reason.ToString(), p.Message)).ToList();
        return new PolicyPlan(report, false, dropped, desired, references, result.ConfigHash) { Unenforced = EnforcementGaps.Of(effective), Fragment = result.Fragment };
    }

    private static TranslationContext Context(TrafficPolicy policy, IClusterView view, TranslatorOptions options)
    {
        var ns = policy.Metadata.NamespaceProperty;
        var references = PolicyReferences.Of(policy);
        var services = new Dictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var name in references.Services)
        {
            if (view.Service(ns, name) is { } service)
            {
                services[name] = service;
            }
        }

        var secrets = new Dictionary<string, V1Secret>(StringComparer.Ordinal);
        foreach (var name in references.Secrets)
        {
            if (view.Secret(ns, name) is { } secret)
            {
                secrets[name] = secret;
            }
        }

        var meshNs = ns ?? "default";
        // Workloads matter only for the Services sidecars mesh; without Sidecar-mode policies there are none to read.
        var sidecars = view.SidecarPoliciesIn(meshNs);
        var workloads = sidecars.Count == 0 ? [] : view.WorkloadsIn(meshNs);
        var mesh = GatewayMeshing.Neighbourhood(meshNs, policy.Metadata.Name, sidecars, name => view.Service(meshNs, name), workloads, options.TrustDomain);
        return new TranslationContext(services, secrets, options, Mesh: mesh);
    }
}
