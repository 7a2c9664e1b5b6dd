using System.Collections.Concurrent;
using System.Text;
using Junction.Api.V1Alpha1;
using Junction.Runtime.Informers;
using Junction.Translation;
using Junction.Validation;

namespace Junction.Reconciliation;

/// <summary>
/// The last plan of each policy with the inputs it was computed from: the policy's uid and generation
/// and the resourceVersions of the Services and Secrets it references (or their absence). A reconcile
/// whose inputs have not moved (a resync, a child's status change, a proxy report) reuses the plan
/// instead of validating and translating again; translation is pure, so the plan would be the same.
/// A gateway's mesh is read from the Sidecar-mode policies and workloads of its namespace, which
/// this key does not cover, so in a namespace with Sidecar-mode policies plans are not kept.
/// </summary>
internal sealed class PlanCache
{
    private readonly ConcurrentDictionary<string, (string Inputs, PolicyPlan Plan)> plans = new(StringComparer.Ordinal);
    private long translations;

    /// <summary>How many plans were computed rather than reused.</summary>
    public long Translations => Interlocked.Read(ref translations);

    /// <summary>The number of plans kept.</summary>
    public int Count => plans.Count;

    /// <summary>The kept plan when its inputs are those of <paramref name="policy"/> now; else a new one (<see cref="PolicyPlan.For(TrafficPolicy, IClusterView, TranslatorOptions, ValidationOptions)"/>).</summary>
    public PolicyPlan For(TrafficPolicy policy, IClusterView view, TranslatorOptions options, ValidationOptions validation)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(view);
        var key = CacheKeys.For(policy);
        var inputs = Inputs(policy, view);
        if (inputs is not null && plans.TryGetValue(key, out var kept) && kept.Inputs == inputs)
        {
            return kept.Plan;
        }

        Interlocked.Increment(ref translations);
        var plan = PolicyPlan.For(policy, view, options, validation);
        if (inputs is null)
        {
            plans.TryRemove(key, out _);
        }
        else
        {
            plans[key] = (inputs, plan);
        }

        return plan;
    }

    /// <summary>Drops the plan of a policy that is gone.</summary>
    public void Forget(string ns, string name) => plans.TryRemove(CacheKeys.For(ns, name), out _);

    // Null when the plan also depends on what this key cannot see (the namespace's mesh).
    private static string? Inputs(TrafficPolicy policy, IClusterView view)
    {
        var ns = policy.Metadata.NamespaceProperty ?? "default";
        if (view.SidecarPoliciesIn(ns).Count > 0)
        {
            return null;
        }

        var references = PolicyReferences.Of(policy);
        var inputs = new StringBuilder(64).Append(policy.Metadata.Uid).Append('/').Append(policy.Metadata.Generation);
        foreach (var name in references.Services)
        {
            inputs.Append("|service ").Append(name).Append('=').Append(view.Service(ns, name)?.Metadata.ResourceVersion ?? "absent");
        }

        foreach (var name in references.Secrets)
        {
            inputs.Append("|secret ").Append(name).Append('=').Append(view.Secret(ns, name)?.Metadata.ResourceVersion ?? "absent");
        }

        return inputs.ToString();
    }
}
