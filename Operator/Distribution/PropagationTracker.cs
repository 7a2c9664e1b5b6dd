namespace Junction.Distribution;

/// <summary>
/// Measures, per policy, the time from the first bundle that includes a generation to the moment
/// every live instance of every proxy served that generation runs a bundle that includes it
/// (<c>junction_policy_propagation_seconds</c>). One generation per policy is tracked: a newer one
/// replaces an older one still pending, so memory is bounded by the number of policies.
/// </summary>
internal sealed class PropagationTracker(BundleLedger ledger, DistributionMetrics metrics, TimeProvider time)
{
    // Policies whose generation completed; cleared past this size (a later report of an old generation is ignored anyway).
    private const int MaxCompleted = 100_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(string Namespace, string Name), Pending> pending = [];
    private readonly Dictionary<(string Namespace, string Name), long> completed = [];

    /// <summary>Generations still propagating, for tests.</summary>
    public int PendingCount
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Notes that <paramref name="proxy"/> is now served a bundle that includes <paramref name="generations"/>.</summary>
    public void Published(ProxyKey proxy, IReadOnlyList<PolicyGeneration> generations)
    {
        ArgumentNullException.ThrowIfNull(generations);
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var generation in generations)
            {
                var policy = (generation.Namespace, generation.Name);
                if (completed.TryGetValue(policy, out var done) && done >= generation.Generation)
                {
                    continue;
                }

                if (!pending.TryGetValue(policy, out var current) || current.Generation.Generation < generation.Generation)
                {
                    pending[policy] = new Pending(generation, now, [proxy]);
                }
                else if (current.Generation.Generation == generation.Generation)
                {
                    current.Proxies.Add(proxy);
                }
            }
        }
    }

    /// <summary>Completes the pending generations of <paramref name="proxy"/>'s policies that every live instance now runs.</summary>
    public void Check(ProxyKey proxy, Func<ProxyKey, ProxyReportSnapshot> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var now = time.GetUtcNow();
        var finished = new List<(PolicyGeneration Generation, TimeSpan Took)>();
        lock (gate)
        {
            foreach (var (policy, waiting) in pending.Where(p => p.Value.Proxies.Contains(proxy)).ToList())
            {
                if (waiting.Proxies.All(p => RunsEverywhere(reports(p), waiting.Generation)))
                {
                    pending.Remove(policy);
                    if (completed.Count >= MaxCompleted)
                    {
                        completed.Clear();
                    }

                    completed[policy] = waiting.Generation.Generation;
                    finished.Add((waiting.Generation, now - waiting.FirstSeen));
                }
            }
        }

        foreach (var (generation, took) in finished)
        {
            metrics.Propagation.WithLabels(generation.Namespace, generation.Name).Observe(Math.Max(0, took.TotalSeconds));
        }
    }

    private bool RunsEverywhere(ProxyReportSnapshot snapshot, PolicyGeneration generation) =>
        snapshot.Live.Count > 0 && snapshot.Live.All(i => i.Running is { } hash && ledger.Includes(hash, generation));

    private sealed record Pending(PolicyGeneration Generation, DateTimeOffset FirstSeen, HashSet<ProxyKey> Proxies);
}
