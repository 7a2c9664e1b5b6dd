using System.Collections.Concurrent;

namespace Junction.Reconciliation;

/// <summary>
/// Remembers which policy is blocked by a foreign object holding a child's name, so that when
/// that object changes or goes away the policy is reconciled again at once.
/// </summary>
internal sealed class ConflictRegistry
{
    private readonly ConcurrentDictionary<(string Kind, string Namespace, string Name), string> blocked = new();

    /// <summary>Records that <paramref name="policyName"/> is blocked by kind ns/name.</summary>
    public void Block(string kind, string ns, string name, string policyName) => blocked[(kind, ns, name)] = policyName;

    /// <summary>Forgets every block of a policy except the ones listed.</summary>
    public void Retain(string ns, string policyName, IEnumerable<ChildProblem> stillBlocked)
    {
        var keep = stillBlocked.Select(c => (c.Kind, c.Namespace, c.Name)).ToHashSet();
        foreach (var entry in blocked.Where(e => e.Key.Namespace == ns && e.Value == policyName && !keep.Contains(e.Key)))
        {
            blocked.TryRemove(entry);
        }
    }

    /// <summary>The policy blocked by kind ns/name, if any.</summary>
    public string? BlockedPolicy(string kind, string ns, string name) =>
        blocked.TryGetValue((kind, ns, name), out var policy) ? policy : null;
}
