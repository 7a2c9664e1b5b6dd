using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Ir;
using Junction.Runtime.Controllers;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>
/// Brings one TrafficPolicy's children and status to what its spec asks for. Level-based: it is
/// given a namespace/name, re-reads the policy and what it references from the caches, and never
/// asks what happened. Its only side effects are API writes (through <see cref="ChildApplier"/>
/// and <see cref="StatusWriter"/>), Events, and the gateway bundle it hands to the proxy API
/// (<paramref name="bundles"/>, when the operator serves agents). Plans are reused while their inputs
/// stay the same (<paramref name="plans"/>).
/// </summary>
internal sealed class TrafficPolicyReconciler(
    IClusterView view,
    IProxyReports reports,
    ChildApplier applier,
    StatusWriter statusWriter,
    IPolicyEvents events,
    TranslatorOptions options,
    ValidationOptions validation,
    TimeProvider time,
    ILogger<TrafficPolicyReconciler> logger,
    GatewayIdentityIssuer? identities = null,
    IGatewayBundles? bundles = null,
    PlanCache? plans = null) : IReconciler
{
    private readonly PlanCache plans = plans ?? new PlanCache();

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var policy = view.Policy(request.Namespace, request.Name);
        if (policy is null || policy.Metadata.DeletionTimestamp is not null)
        {
            // Children go with their owner through garbage collection; nothing to write.
            ReconcilerLog.PolicyGone(logger, request.Namespace, request.Name);
            plans.Forget(request.Namespace, request.Name);
            bundles?.Withdraw(request.Namespace, ChildNames.Proxy(request.Name));
            return ReconcileResult.Done;
        }

        // Validation and translation only when the policy or what it references moved.
        var plan = plans.For(policy, view, options, validation);
        // The identity Secret first: the Deployment that mounts it carries the hash of its content.
        var identity = plan.Rejected || identities is null
            ? IdentityOutcome.None
            : await identities.EnsureAsync(policy, plan.Identity, Ir.ChildNames.Identity(policy.Metadata.Name), cancellationToken).ConfigureAwait(false);
        if (identity.ContentHash is { } identityHash)
        {
            plan = plan.WithIdentityHash(policy, identityHash);
        }

        if (identity.NotEnforced is { } gap)
        {
            plan = plan with { Unenforced = [.. plan.Unenforced, gap] };
        }

        // Agents get the bundle before the children are written, unless it routes to an endpoints
        // Service that does not exist yet: a proxy that asked DNS for it before it exists would
        // serve 503 until its next resolution (and a cluster DNS caches the NXDOMAIN).
        var early = !NamesMissingEndpoints(plan);
        if (early)
        {
            Publish(policy, plan);
        }

        var outcome = plan.Rejected
            ? ApplyOutcome.NotAttempted
            : await applier.ApplyAsync(policy, plan.Desired, cancellationToken).ConfigureAwait(false);
        if (!early)
        {
            Publish(policy, plan);
        }
        if (identity.Result is { } secret)
        {
            outcome = new ApplyOutcome([secret, .. outcome.Results]);
        }

        Report(policy, plan, outcome);

        var inputs = new StatusInputs(policy, plan, outcome, time.GetUtcNow()) { Acks = Acks(policy, plan) };
        var written = await statusWriter.WriteAsync(policy, current => PolicyStatus.Compute(inputs with { Policy = current }), cancellationToken).ConfigureAwait(false);
        if (written is not null)
        {
            // Awaited, so that a stopping operator finishes its Events with the reconcile that caused them.
            await AnnounceAsync(policy, written, cancellationToken).ConfigureAwait(false);
        }

        // A failed write is retried with backoff (an error); conflicts and rollouts wait for the next change.
        var failures = outcome.Failures;
        if (failures.Count > 0)
        {
            throw new ChildrenNotAppliedException($"{request.Namespace}/{request.Name}", failures);
        }

        // Nothing else changes when a certificate ages, so the reconcile that re-issues it is booked now.
        return identity.RenewAt is { } renewAt
            ? ReconcileResult.After(TimeSpan.FromSeconds(Math.Max(1, (renewAt - time.GetUtcNow()).TotalSeconds)))
            : ReconcileResult.Done;
    }

    // Read once per reconcile, like the caches: the status callback may run again after a conflict.
    private ProxyAcks? Acks(TrafficPolicy policy, PolicyPlan plan) =>
        ProxyScope.For(policy, plan, view, options.ConfigDelivery) is { } scope
            ? ProxyAcks.Of(scope, reports, new PolicyGeneration(policy.Metadata.NamespaceProperty, policy.Metadata.Name, policy.Metadata.Generation ?? 0))
            : null;

    private bool NamesMissingEndpoints(PolicyPlan plan) =>
        plan.Desired.OfType<V1Service>().Any(s =>
            s.Spec?.ClusterIP == "None" && view.Child(ChildKind.Service, s.Metadata.NamespaceProperty, s.Metadata.Name) is null);

    // A rejected spec leaves the last accepted bundle serving.
    private void Publish(TrafficPolicy policy, PolicyPlan plan)
    {
        if (bundles is null || plan.Rejected)
        {
            return;
        }

        var (ns, name) = (policy.Metadata.NamespaceProperty, policy.Metadata.Name);
        var proxy = ChildNames.Proxy(name);
        if (plan.ConfigHash is { } hash && plan.Desired.OfType<V1ConfigMap>().FirstOrDefault(c => c.Metadata.Name == proxy) is { Data: { } files })
        {
            bundles.Publish(new PolicyGeneration(ns, name, policy.Metadata.Generation ?? 0), proxy, hash, files.AsReadOnly());
        }
        else
        {
            bundles.Withdraw(ns, proxy);
        }
    }

    private void Report(TrafficPolicy policy, PolicyPlan plan, ApplyOutcome outcome)
    {
        var (ns, name) = (policy.Metadata.NamespaceProperty, policy.Metadata.Name);
        if (plan.Rejected)
        {
            ReconcilerLog.Rejected(logger, ns, name, policy.Metadata.Generation, plan.Validation.Errors.Count);
            return;
        }

        foreach (var conflict in outcome.Conflicts)
        {
            ReconcilerLog.Conflict(logger, ns, name, conflict.ToString());
        }

        foreach (var failure in outcome.Failures)
        {
            ReconcilerLog.ApplyFailed(logger, ns, name, failure.ToString());
        }
    }

    private async Task AnnounceAsync(TrafficPolicy policy, StatusUpdate update, CancellationToken ct)
    {
        var ready = update.Status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Status ?? "Unknown";
        ReconcilerLog.StatusWritten(logger, policy.Metadata.NamespaceProperty, policy.Metadata.Name, policy.Metadata.Generation, ready);
        foreach (var transition in update.Announcements)
        {
            await events.RecordAsync(policy, transition, ct).ConfigureAwait(false);
        }
    }
}
