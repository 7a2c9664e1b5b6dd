using Junction.HAProxy;
using Junction.Mesh.Sidecar;
using Junction.Translation;
using Microsoft.Extensions.Logging;

namespace Junction.Distribution;

/// <summary>
/// The bundles of sidecars, computed by <see cref="SidecarTranslator"/> from the informers' caches
/// for each (namespace, ServiceAccount, pod labels) a sidecar asked for. When an input changes
/// (<see cref="InputsChanged"/>), every bundle asked for within <see cref="SidecarBundleOptions.IdleAfter"/>
/// is recomputed once after a short debounce, and the store wakes the polls whose hash moved.
/// </summary>
internal sealed class SidecarBundles(BundleStore store, IDistributionView view, SidecarBundleOptions options, TimeProvider time, ILogger<SidecarBundles> logger)
{
    private const string Prefix = "sidecar/";
    private readonly Lock gate = new();
    private readonly Dictionary<string, Request> requests = new(StringComparer.Ordinal);
    private long version;
    private int refreshScheduled;

    /// <summary>
    /// The slot that serves <paramref name="proxy"/> with <paramref name="labels"/>, its bundle computed
    /// from current inputs; null when <see cref="SidecarBundleOptions.MaxBundles"/> are held and none is idle.
    /// </summary>
    public string? Prepare(ProxyKey proxy, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(labels);
        var slot = SlotName(proxy, labels);
        var current = Volatile.Read(ref version);
        lock (gate)
        {
            if (requests.TryGetValue(slot, out var known) && known.Version == current && store.Peek(slot) is not null)
            {
                return slot;
            }

            if (known is null && requests.Count >= options.MaxBundles)
            {
                ForgetIdle();
                if (requests.Count >= options.MaxBundles)
                {
                    return null;
                }
            }

            requests[slot] = new Request(proxy, new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal), current);
        }

        Publish(slot, proxy, labels, view.SidecarInputs());
        return slot;
    }

    /// <summary>Some policy, Service, Deployment or Pod changed: recompute the bundles in use soon.</summary>
    public void InputsChanged()
    {
        Interlocked.Increment(ref version);
        if (Interlocked.Exchange(ref refreshScheduled, 1) == 0)
        {
            _ = RefreshSoonAsync();
        }
    }

    /// <summary>Recomputes every bundle in use whose inputs changed since it was computed.</summary>
    public void Refresh()
    {
        var current = Volatile.Read(ref version);
        List<(string Slot, Request Request)> stale;
        lock (gate)
        {
            ForgetIdle();
            stale = requests.Where(r => r.Value.Version != current).Select(r => (r.Key, r.Value)).ToList();
            foreach (var (slot, request) in stale)
            {
                requests[slot] = request with { Version = current };
            }
        }

        if (stale.Count == 0)
        {
            return;
        }

        var inputs = view.SidecarInputs();
        foreach (var (slot, request) in stale)
        {
            Publish(slot, request.Proxy, request.Labels, inputs);
        }
    }

    /// <summary>Bundles held, for tests and the memory bound.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return requests.Count;
            }
        }
    }

    /// <summary>The bundle of one sidecar: pure, from <paramref name="inputs"/>.</summary>
    public static ProxyBundle Compute(ProxyKey proxy, IReadOnlyDictionary<string, string> labels, SidecarInputs inputs, SidecarBundleOptions options)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var translation = SidecarTranslator.Translate(new SidecarRequest(proxy.Namespace, proxy.Name, labels), inputs, options.Translator, options.TrustDomain);
        var bundle = SidecarBundle.Build(translation.Config, SidecarPaths.Container, PolicyTranslator.GlobalOptions(options.Translator));
        var included = translation.Config.Inbound.Policies
            .Concat(translation.Config.Outbound.Select(o => o.Fragment.Namespace + "/" + o.Fragment.PolicyName))
            .ToHashSet(StringComparer.Ordinal);
        var generations = inputs.Policies
            .Where(p => included.Contains((p.Metadata.NamespaceProperty ?? "default") + "/" + p.Metadata.Name))
            .Select(p => new PolicyGeneration(p.Metadata.NamespaceProperty ?? "default", p.Metadata.Name, p.Metadata.Generation ?? 0))
            .OrderBy(g => g.Namespace, StringComparer.Ordinal)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        return new ProxyBundle(proxy, bundle.Hash, generations, bundle.Files);
    }

    /// <summary>The slot name: the proxy and its labels, sorted, so the same pod shape shares one bundle.</summary>
    public static string SlotName(ProxyKey proxy, IReadOnlyDictionary<string, string> labels) =>
        ProxyAddress.Format(proxy) + "?" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    private void Publish(string slot, ProxyKey proxy, IReadOnlyDictionary<string, string> labels, SidecarInputs inputs)
    {
        try
        {
            if (store.Publish(slot, Compute(proxy, labels, inputs, options)))
            {
                DistributionLog.SidecarBundleChanged(logger, proxy.Namespace, proxy.Name, store.Peek(slot)?.Hash ?? "");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The last good bundle keeps serving; the next change of the inputs tries again.
            DistributionLog.SidecarBundleFailed(logger, proxy.Namespace, proxy.Name, e.Message);
        }
    }

    private async Task RefreshSoonAsync()
    {
        try
        {
            await Task.Delay(options.Debounce, time).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref refreshScheduled, 0);
        }

        Refresh();
    }

    // Under the gate.
    private int ForgetIdle()
    {
        var before = time.GetUtcNow() - options.IdleAfter;
        var forgotten = store.Forget(Prefix, before);
        if (forgotten > 0)
        {
            var held = store.SlotsUsedSince(Prefix, DateTimeOffset.MinValue).ToHashSet(StringComparer.Ordinal);
            foreach (var slot in requests.Keys.Where(k => !held.Contains(k)).ToList())
            {
                requests.Remove(slot);
            }
        }

        return forgotten;
    }

    private sealed record Request(ProxyKey Proxy, IReadOnlyDictionary<string, string> Labels, long Version);
}
