using Junction.Distribution;

namespace Junction.Tests.Distribution;

/// <summary>
/// Proxy reports as a test sets them: bundles the operator "served" (hash → policy generations) and
/// each instance's last report, stamped with the fake clock. An instance last heard from more than
/// <see cref="StalenessTimeout"/> ago is silent, as the contract's registry has it.
/// </summary>
internal sealed class FakeProxyReports(TimeProvider time) : IProxyReports
{
    /// <summary>How long an instance may stay silent before it is unknown.</summary>
    public static readonly TimeSpan StalenessTimeout = TimeSpan.FromSeconds(90);

    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<PolicyGeneration>> bundles = new(StringComparer.Ordinal);
    private readonly Dictionary<(ProxyKey, string), ProxyInstanceReport> reports = [];

    /// <inheritdoc />
    public event Action<ProxyKey>? Changed;

    /// <summary>Records that the bundle <paramref name="hash"/> includes these policy generations.</summary>
    public void Served(string hash, params PolicyGeneration[] generations)
    {
        lock (gate)
        {
            bundles[hash] = [.. generations];
        }
    }

    /// <summary>An instance reports now: an ACK when only <paramref name="running"/> is given, a NACK with <paramref name="error"/>.</summary>
    public void Report(ProxyKey proxy, string instance, string? running, string? attempted = null, string? error = null)
    {
        lock (gate)
        {
            reports[(proxy, instance)] = new ProxyInstanceReport(proxy, instance, running, attempted ?? running, error, time.GetUtcNow());
        }

        Changed?.Invoke(proxy);
    }

    /// <inheritdoc />
    public ProxyReportSnapshot For(ProxyKey proxy)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var mine = reports.Values.Where(r => r.Proxy == proxy).OrderBy(r => r.Instance, StringComparer.Ordinal).ToList();
            return new ProxyReportSnapshot(
                mine.Where(r => now - r.LastSeen <= StalenessTimeout).ToList(),
                mine.Where(r => now - r.LastSeen > StalenessTimeout).ToList());
        }
    }

    /// <inheritdoc />
    public bool Includes(string hash, PolicyGeneration generation)
    {
        lock (gate)
        {
            return bundles.TryGetValue(hash, out var included) && included.Contains(generation);
        }
    }
}
