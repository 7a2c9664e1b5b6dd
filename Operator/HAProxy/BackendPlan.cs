using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// The backends of one fragment. Routes that send to the same Service port with the same timeouts
/// and retries share one backend, so maxConnections holds per endpoint across those routes and
/// endpoints are health-checked once; a route with its own timeouts or retries gets its own.
/// A backend with the policy-wide timeouts and retries is named after its Service port alone;
/// any other is named after the first route (in evaluation order) that uses it.
/// </summary>
internal sealed class BackendPlan
{
    private readonly Dictionary<(BackendTarget, RequestPolicy), Entry> _byKey = [];
    private readonly List<Entry> _entries = [];

    public BackendPlan(ProxyFragment fragment)
    {
        foreach (var route in fragment.AllRoutes)
        {
            foreach (var backend in route.Backends.Where(b => b.Weight > 0))
            {
                var key = (backend.Target, route.Requests);
                if (!_byKey.TryGetValue(key, out var entry))
                {
                    var namedBy = route.Requests == fragment.DefaultRoute.Requests ? fragment.DefaultRoute : route;
                    entry = new Entry(HAProxyNames.Backend(fragment, namedBy, backend.Target), backend.Target, route.Requests, []);
                    _byKey.Add(key, entry);
                    _entries.Add(entry);
                }

                entry.FieldPaths.Add(backend.FieldPath);
            }
        }
    }

    /// <summary>Backends in first-use order.</summary>
    public IReadOnlyList<Entry> Backends => _entries;

    /// <summary>The backend that serves a weighted backend of a route.</summary>
    public string NameOf(RouteRule route, WeightedBackend backend) => _byKey[(backend.Target, route.Requests)].Name;

    /// <summary>One backend section.</summary>
    /// <param name="Name">Section name.</param>
    /// <param name="Target">The Service port.</param>
    /// <param name="Requests">Timeouts and retries.</param>
    /// <param name="FieldPaths">Spec fields that send traffic here.</param>
    internal sealed record Entry(string Name, BackendTarget Target, RequestPolicy Requests, List<string> FieldPaths);
}
