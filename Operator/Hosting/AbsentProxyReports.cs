using Junction.Distribution;

namespace Junction.Hosting;

/// <summary>
/// The reports of a process that serves no proxy API: no proxy can report to it, so every proxy
/// is unheard of and no policy counts a proxy as current. Status then says so ("0 of 2 proxies
/// run generation 3") instead of guessing.
/// </summary>
internal sealed class AbsentProxyReports : IProxyReports
{
    private static readonly ProxyReportSnapshot Nothing = new([], []);

    /// <summary>The one instance.</summary>
    public static AbsentProxyReports Instance { get; } = new();

    /// <inheritdoc />
    public event Action<ProxyKey>? Changed
    {
        // Nothing ever changes, so a handler is never called and need not be kept.
        add { }
        remove { }
    }

    /// <inheritdoc />
    public ProxyReportSnapshot For(ProxyKey proxy) => Nothing;

    /// <inheritdoc />
    public bool Includes(string hash, PolicyGeneration generation) => false;
}
