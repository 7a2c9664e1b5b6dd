namespace Junction.Distribution;

/// <summary>
/// What every proxy instance last reported (<c>POST /v1/status</c>): the hash it runs, the hash it
/// tried and HAProxy's error when that failed. An instance silent for
/// <see cref="ProxyRegistryOptions.StaleAfter"/> moves to <see cref="ProxyReportSnapshot.Silent"/>
/// and, after <see cref="ProxyRegistryOptions.ForgetAfter"/>, is dropped. Memory is bounded by
/// <see cref="ProxyRegistryOptions.MaxInstancesPerProxy"/> per proxy, and proxies exist only for
/// callers that passed authorization.
/// </summary>
internal sealed class ProxyRegistry : IProxyReports, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<ProxyKey, Dictionary<string, ProxyInstanceReport>> proxies = [];
    private readonly Dictionary<ProxyKey, int> liveAtLastSweep = [];
    private readonly BundleLedger ledger;
    private readonly DistributionMetrics metrics;
    private readonly PropagationTracker propagation;
    private readonly TimeProvider time;
    private readonly ProxyRegistryOptions options;
    private readonly ITimer sweeper;

    /// <summary>Creates the registry and starts its staleness sweep on <paramref name="time"/>.</summary>
    public ProxyRegistry(BundleLedger ledger, DistributionMetrics metrics, PropagationTracker propagation, TimeProvider time, ProxyRegistryOptions? options = null)
    {
        this.ledger = ledger;
        this.metrics = metrics;
        this.propagation = propagation;
        this.time = time;
        this.options = options ?? ProxyRegistryOptions.Default;
        sweeper = time.CreateTimer(_ => Sweep(), null, this.options.SweepInterval, this.options.SweepInterval);
    }

    /// <inheritdoc />
    public event Action<ProxyKey>? Changed;

    /// <summary>Records a report; raises <see cref="Changed"/> when it changes what <see cref="For"/> returns.</summary>
    /// <returns>True when the report is a NACK not seen before (the error or the attempted hash is new).</returns>
    public bool Record(ProxyKey proxy, string instance, string? running, string? attempted, string? error)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(instance);
        var now = time.GetUtcNow();
        bool changed;
        bool nack;
        lock (gate)
        {
            if (!proxies.TryGetValue(proxy, out var instances))
            {
                instances = new Dictionary<string, ProxyInstanceReport>(StringComparer.Ordinal);
                proxies[proxy] = instances;
            }

            instances.TryGetValue(instance, out var old);
            changed = old is null || old.Running != running || old.Attempted != attempted || old.Error != error || IsSilent(old, now);
            nack = error is not null && (old is null || old.Error != error || old.Attempted != attempted);
            if (old is null && instances.Count >= options.MaxInstancesPerProxy)
            {
                instances.Remove(instances.Values.MinBy(i => i.LastSeen)!.Instance);
            }

            instances[instance] = new ProxyInstanceReport(proxy, instance, running, attempted, error, now);
            if (changed)
            {
                // So that the next sweep reports only what went silent since.
                liveAtLastSweep[proxy] = instances.Values.Count(i => !IsSilent(i, now));
            }
        }

        if (nack)
        {
            metrics.Nacks.WithLabels(ProxyAddress.KindLabel(proxy.Kind)).Inc();
        }

        if (changed)
        {
            CountConnected(now);
            Changed?.Invoke(proxy);
            propagation.Check(proxy, For);
        }

        return nack;
    }

    /// <inheritdoc />
    public ProxyReportSnapshot For(ProxyKey proxy)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!proxies.TryGetValue(proxy, out var instances))
            {
                return new ProxyReportSnapshot([], []);
            }

            var ordered = instances.Values.OrderBy(i => i.Instance, StringComparer.Ordinal).ToList();
            return new ProxyReportSnapshot(
                ordered.Where(i => !IsSilent(i, now)).ToList(),
                ordered.Where(i => IsSilent(i, now)).ToList());
        }
    }

    /// <inheritdoc />
    public bool Includes(string hash, PolicyGeneration generation) => ledger.Includes(hash, generation);

    /// <summary>Checks for instances that went silent or are to be forgotten; the timer calls it.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        var moved = new List<ProxyKey>();
        lock (gate)
        {
            foreach (var (proxy, instances) in proxies)
            {
                foreach (var gone in instances.Values.Where(i => now - i.LastSeen > options.ForgetAfter).Select(i => i.Instance).ToList())
                {
                    instances.Remove(gone);
                }

                var live = instances.Values.Count(i => !IsSilent(i, now));
                if (liveAtLastSweep.GetValueOrDefault(proxy) != live || (instances.Count == 0 && liveAtLastSweep.ContainsKey(proxy)))
                {
                    moved.Add(proxy);
                }

                liveAtLastSweep[proxy] = live;
            }

            foreach (var empty in proxies.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList())
            {
                proxies.Remove(empty);
                liveAtLastSweep.Remove(empty);
            }
        }

        CountConnected(now);
        foreach (var proxy in moved)
        {
            Changed?.Invoke(proxy);
            propagation.Check(proxy, For);
        }
    }

    /// <inheritdoc />
    public void Dispose() => sweeper.Dispose();

    private bool IsSilent(ProxyInstanceReport report, DateTimeOffset now) => now - report.LastSeen > options.StaleAfter;

    private void CountConnected(DateTimeOffset now)
    {
        int gateways;
        int sidecars;
        lock (gate)
        {
            gateways = proxies.Where(p => p.Key.Kind == ProxyKind.Gateway).Sum(p => p.Value.Values.Count(i => !IsSilent(i, now)));
            sidecars = proxies.Where(p => p.Key.Kind == ProxyKind.Sidecar).Sum(p => p.Value.Values.Count(i => !IsSilent(i, now)));
        }

        metrics.Connected.WithLabels("gateway").Set(gateways);
        metrics.Connected.WithLabels("sidecar").Set(sidecars);
    }
}
