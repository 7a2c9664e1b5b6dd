using System.Globalization;
using Junction.Distribution;

namespace Junction.Reconciliation;

/// <summary>
/// What the proxies that enforce a policy report: how many must run it, how many run a bundle
/// that includes its current generation, how many have gone silent, and the latest NACK.
/// </summary>
/// <param name="Instances">Instances that must run the policy (M).</param>
/// <param name="Current">Instances running a bundle that includes the current generation (N), at most M.</param>
/// <param name="Unknown">Instances gone silent, whose state is unknown; never counted as current.</param>
/// <param name="Generation">The policy's current generation.</param>
/// <param name="Rejected">The latest NACK of an instance heard from, preferring one of the current generation; null when none.</param>
/// <param name="Description">What the instances are, for messages.</param>
internal sealed record ProxyAcks(int Instances, int Current, int Unknown, long Generation, ProxyRejection? Rejected, string Description)
{
    /// <summary>For sidecars: the covered pods that carry the sidecar (injected, or their agent reports); null for a gateway.</summary>
    public int? Sidecars { get; init; }

    /// <summary>For sidecars: the covered pods without one, <c>namespace/name</c>, sorted; empty for a gateway.</summary>
    public IReadOnlyList<string> WithoutSidecar { get; init; } = [];

    /// <summary>True when every instance runs the current generation, and there is at least one.</summary>
    public bool AllCurrent => Instances > 0 && Current == Instances;

    /// <summary>"3 of 3 proxies run generation 7", with ", 1 unknown" for instances gone silent.</summary>
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{Current} of {Instances} {(Instances == 1 ? "proxy runs" : "proxies run")} generation {Generation}")
        + (Unknown > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Unknown} unknown") : "");

    /// <summary>
    /// Counts the reports of the scope's proxies. An instance is current when the hash its running
    /// worker reports belongs to a bundle that includes the generation. For a gateway every live
    /// instance counts (up to its replicas, as a rollout briefly runs more pods); for sidecars only
    /// the scope's pods, each at most once.
    /// </summary>
    public static ProxyAcks Of(ProxyScope scope, IProxyReports reports, PolicyGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(generation);
        var live = new List<ProxyInstanceReport>();
        var silent = new List<ProxyInstanceReport>();
        foreach (var proxy in scope.Proxies)
        {
            var snapshot = reports.For(proxy);
            live.AddRange(snapshot.Live.Where(r => Counts(scope, r)));
            silent.AddRange(snapshot.Silent.Where(r => Counts(scope, r)));
        }

        // One report per instance: an instance heard from again is live, whatever an older record says.
        var heard = live.Select(r => r.Instance).ToHashSet(StringComparer.Ordinal);
        silent.RemoveAll(r => heard.Contains(r.Instance));
        bool Runs(string? hash) => hash is not null && reports.Includes(hash, generation);
        var current = Math.Min(live.Where(r => Runs(r.Running)).Select(r => r.Instance).Distinct(StringComparer.Ordinal).Count(), scope.Expected);
        var unknown = Math.Min(silent.Select(r => r.Instance).Distinct(StringComparer.Ordinal).Count(), scope.Expected - current);
        var acks = new ProxyAcks(scope.Expected, current, unknown, generation.Generation, LatestRejection(live, Runs), scope.Description);
        if (scope.WithoutProxyContainer is not { } uninjected)
        {
            return acks;
        }

        // A pod whose agent reports has a sidecar, however it got there; only the silent rest is named.
        var reporting = live.Concat(silent).Select(r => r.Instance).ToHashSet(StringComparer.Ordinal);
        var without = uninjected.Where(p => !reporting.Contains(p)).Select(p => $"{scope.PodNamespace}/{p}").ToList();
        return acks with { Sidecars = scope.Expected - without.Count, WithoutSidecar = without };
    }

    private static bool Counts(ProxyScope scope, ProxyInstanceReport report) =>
        scope.Pods is null || scope.Pods.Contains(report.Instance);

    private static ProxyRejection? LatestRejection(List<ProxyInstanceReport> live, Func<string?, bool> ofCurrent)
    {
        var latest = live
            .Where(r => r.Error is not null)
            .Select(r => (Report: r, Current: ofCurrent(r.Attempted)))
            .OrderByDescending(r => r.Current)
            .ThenByDescending(r => r.Report.LastSeen)
            .ThenBy(r => r.Report.Instance, StringComparer.Ordinal)
            .FirstOrDefault();
        return latest.Report is { } report ? new ProxyRejection(report.Instance, report.Error!, latest.Current) : null;
    }
}
