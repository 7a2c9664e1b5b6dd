using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>Everything the status of one policy is computed from; no client and no clock inside.</summary>
/// <param name="Policy">The policy as read from the cache; its status holds the previous conditions.</param>
/// <param name="Plan">What the policy should produce: verdict, dropped routes, references, config hash, desired children.</param>
/// <param name="Apply">What applying the desired children did, including the observed children.</param>
/// <param name="Now">The time of this computation.</param>
internal sealed record StatusInputs(TrafficPolicy Policy, PolicyPlan Plan, ApplyOutcome Apply, DateTimeOffset Now)
{
    /// <summary>
    /// What the agents of the proxies that enforce the policy report, when its status comes from
    /// them (Sidecar mode, and gateways with agent delivery); null when it comes from the Deployment.
    /// </summary>
    public ProxyAcks? Acks { get; init; }

    /// <summary>True when the spec was rejected and nothing was translated or applied.</summary>
    public bool Rejected => Plan.Rejected;
}
