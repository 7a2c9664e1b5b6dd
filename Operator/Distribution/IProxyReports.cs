namespace Junction.Distribution;

/// <summary>What the proxies report they run, as the status of their policies needs it.</summary>
internal interface IProxyReports
{
    /// <summary>Instances of the proxy heard from within the staleness timeout (90 s), and those gone silent.</summary>
    ProxyReportSnapshot For(ProxyKey proxy);

    /// <summary>Whether the bundle with this hash includes that policy generation (bundles the operator served).</summary>
    bool Includes(string hash, PolicyGeneration generation);

    /// <summary>Raised (on any thread) when a report changes what For() returns; the reconciler re-queues the policies of that proxy.</summary>
    event Action<ProxyKey>? Changed;
}
