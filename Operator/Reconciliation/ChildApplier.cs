using Junction.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// Brings a policy's children to the desired state: create what is absent, update only what
/// differs on the fields Junction owns, leave foreign objects alone, prune what is no longer wanted.
/// </summary>
internal sealed class ChildApplier(IClusterView view, IChildWriter client)
{
    // A stale cache costs at most one 409 before the server's copy is used; more means someone keeps writing.
    private const int Attempts = 3;

    /// <summary>Applies the prepared children in order, then deletes this policy's children that are not among them.</summary>
    public async Task<ApplyOutcome> ApplyAsync(TrafficPolicy policy, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> prepared, CancellationToken ct)
    {
        var results = new List<ChildResult>(prepared.Count);
        var foreignConfigMaps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in prepared)
        {
            // ConfigMaps come before the Deployment that mounts them, so a foreign one is known by then:
            // a pod must never run someone else's haproxy.cfg.
            if (MountedConfigMaps(child).FirstOrDefault(foreignConfigMaps.Contains) is { } foreign)
            {
                results.Add(Blocked(child, foreign));
                continue;
            }

            var result = await ApplyOneAsync(policy, child, ct).ConfigureAwait(false);
            if (result is ChildResult.Foreign && child is V1ConfigMap)
            {
                foreignConfigMaps.Add(child.Metadata.Name);
            }

            results.Add(result);
        }

        results.AddRange(await PruneAsync(policy, prepared, ct).ConfigureAwait(false));
        return new ApplyOutcome(results);
    }

    private async Task<ChildResult> ApplyOneAsync(TrafficPolicy policy, IKubernetesObject<V1ObjectMeta> desired, CancellationToken ct)
    {
        var kind = ChildKind.Of(desired);
        var (ns, name) = (desired.Metadata.NamespaceProperty, desired.Metadata.Name);
        var observed = view.Child(kind, ns, name);
        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                if (observed is not null && Verdict(policy, kind, desired, observed) is { } settled)
                {
                    return settled;
                }

                try
                {
                    var written = observed is null
                        ? await client.CreateAsync(desired, ct).ConfigureAwait(false)
                        : await client.ReplaceAsync(OwnedFields.ForUpdate(desired, observed), ct).ConfigureAwait(false);
                    return new ChildResult.Written(written);
                }
                catch (Exception e) when (ApiErrors.IsConflict(e))
                {
                    // The cache was behind (already exists, or stale resourceVersion): decide again on the server's copy.
                    observed = await client.ReadAsync(kind, ns, name, ct).ConfigureAwait(false);
                }
            }

            return Failed(kind, ns, name, "it changed on every attempt to write it", observed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(kind, ns, name, ApiErrors.Describe(e), observed);
        }
    }

    // Null means "write it"; otherwise the child needs no write (it matches) or must not be written (foreign).
    private static ChildResult? Verdict(TrafficPolicy policy, ChildKind kind, IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> observed)
    {
        if (!Ownership.IsControlledBy(observed, policy.Metadata.Uid))
        {
            var message = $"exists and is controlled by {Ownership.DescribeController(observed)}, not by this policy; Junction does not overwrite it";
            return new ChildResult.Foreign(new ChildProblem(kind.Kind, observed.Metadata.NamespaceProperty, observed.Metadata.Name, message));
        }

        return OwnedFields.Matches(desired, observed) ? new ChildResult.Unchanged(observed) : null;
    }

    private async Task<List<ChildResult>> PruneAsync(TrafficPolicy policy, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> prepared, CancellationToken ct)
    {
        var wanted = prepared.Select(c => (ChildKind.Of(c).Kind, c.Metadata.Name)).ToHashSet();
        var failures = new List<ChildResult>();
        foreach (var orphan in view.ChildrenOf(policy.Metadata.Uid).Where(c => IsPrunable(policy, c, wanted)))
        {
            var kind = ChildKind.Of(orphan);
            try
            {
                await client.DeleteAsync(kind, orphan.Metadata.NamespaceProperty, orphan.Metadata.Name, orphan.Metadata.Uid, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new ChildResult.Failed(new ChildProblem(kind.Kind, orphan.Metadata.NamespaceProperty, orphan.Metadata.Name, "delete failed: " + ApiErrors.Describe(e)), null));
            }
        }

        return failures;
    }

    private static bool IsPrunable(TrafficPolicy policy, IKubernetesObject<V1ObjectMeta> child, HashSet<(string, string)> wanted) =>
        Ownership.IsControlledBy(child, policy.Metadata.Uid)
        && child.Metadata.Labels?.ContainsKey(Ownership.PolicyLabel) == true
        && !wanted.Contains((ChildKind.Of(child).Kind, child.Metadata.Name));

    private static IEnumerable<string> MountedConfigMaps(IKubernetesObject<V1ObjectMeta> child) =>
        child is V1Deployment deployment
            ? deployment.Spec?.Template?.Spec?.Volumes?.Select(v => v.ConfigMap?.Name).OfType<string>() ?? []
            : [];

    private ChildResult Blocked(IKubernetesObject<V1ObjectMeta> child, string configMap)
    {
        var kind = ChildKind.Of(child);
        var (ns, name) = (child.Metadata.NamespaceProperty, child.Metadata.Name);
        var message = $"not written, because it would mount ConfigMap {ns}/{configMap}, which this policy does not control";
        return new ChildResult.Blocked(new ChildProblem(kind.Kind, ns, name, message), view.Child(kind, ns, name));
    }

    private static ChildResult Failed(ChildKind kind, string ns, string name, string message, IKubernetesObject<V1ObjectMeta>? observed) =>
        new ChildResult.Failed(new ChildProblem(kind.Kind, ns, name, message), observed);
}
