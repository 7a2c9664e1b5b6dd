using Junction.Api.V1Alpha1;
using Junction.Validation;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Everything the status of one policy is computed from; no client and no clock inside.</summary>
/// <param name="Policy">The policy as read from the cache; its status holds the previous conditions.</param>
/// <param name="Validation">The validator's verdict on the full spec.</param>
/// <param name="DroppedRoutes">Indexes of invalid routes left out of translation (partially invalid spec).</param>
/// <param name="References">References that do not resolve, from translation.</param>
/// <param name="ConfigHash">Hash of the generated haproxy.cfg, when there is a proxy.</param>
/// <param name="Desired">The desired children, as prepared for writing.</param>
/// <param name="Apply">What applying them did, including the observed children.</param>
/// <param name="Now">The time of this computation.</param>
internal sealed record StatusInputs(
    TrafficPolicy Policy,
    ValidationReport Validation,
    IReadOnlyList<int> DroppedRoutes,
    IReadOnlyList<ReferenceIssue> References,
    string? ConfigHash,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Desired,
    ApplyOutcome Apply,
    DateTimeOffset Now)
{
    /// <summary>True when the spec was rejected and nothing was translated or applied.</summary>
    public bool Rejected => !Apply.Attempted;
}
