using System.Globalization;

namespace Junction.Ir;

/// <summary>
/// The rules across fields of a <see cref="ProxyFragment"/> that the renderers rely on without
/// checking: the HAProxy writer builds section names from the prefix, route names and Service
/// ports, ignores routes under TCP, divides by the outlier interval, and so on. The translator
/// guarantees them for every valid policy; <see cref="ProxyFragment.Validate"/> turns a broken
/// one into an error at the boundary instead of a wrong config.
/// </summary>
internal static class FragmentInvariants
{
    private static readonly int[] RedirectCodes = [301, 302, 303, 307, 308];

    /// <summary>Every rule the fragment breaks, in words; empty when it is sound.</summary>
    public static IReadOnlyList<string> Violations(ProxyFragment f)
    {
        var found = new List<string>();
        void Require(bool holds, string rule)
        {
            if (!holds)
            {
                found.Add(rule);
            }
        }

        Require(f.NamePrefix == ProxyNames.Prefix(f.Namespace, f.PolicyName), $"namePrefix \"{f.NamePrefix}\" is not the prefix of {f.Namespace}/{f.PolicyName}, so section names may collide with another policy's");
        Require(IsPort(f.Listener.Port) && IsPort(f.Listener.ServicePort), "listener ports must lie in 1-65535");
        Require(f.Mode != ProxyMode.Gateway || f.Listener.Port != f.Gateway.MetricsPort, "the listener port must differ from the metrics port of the gateway");
        Routes(f, Require);
        if (f.Mesh is { } mesh)
        {
            Require(f.Mode == ProxyMode.Gateway, "only a gateway carries gateway mesh settings");
            var names = mesh.Upstreams.Select(u => u.ServiceName).ToList();
            Require(names.Count > 0 && names.SequenceEqual(names.Distinct().Order(StringComparer.Ordinal)), "mesh upstreams are distinct, in name order, and at least one");
            var backends = f.AllRoutes.SelectMany(r => r.Backends.Select(b => b.Target.ServiceName).Concat(r.Filters.OfType<MirrorRule>().Select(m => m.Target.ServiceName))).ToHashSet(StringComparer.Ordinal);
            Require(names.All(backends.Contains), "every mesh upstream is a backend or mirror target of the fragment");
        }

        Endpoints(f.Endpoints, Require);
        if (f.RateLimit is { } limit)
        {
            Require(limit.RequestsPerSecond >= 1 && limit.Burst >= limit.RequestsPerSecond, "rateLimit needs requestsPerSecond >= 1 and burst >= requestsPerSecond");
            Require((limit.Key == RateLimitKeyKind.Header) == (limit.HeaderName.Length > 0), "rateLimit has a header name exactly when it counts per header");
        }

        Require(f.Observability.TraceSamplingPercent is null or >= 0 and <= 100, "traceSamplingPercent must lie in 0-100");
        if (f.Ingress is { } ingress)
        {
            Require(f.Protocol != AppProtocol.Tcp, "an Ingress carries HTTP only; a TCP fragment has none");
            Require(!ingress.Hosts.IsEmpty && !ingress.Paths.IsEmpty, "an Ingress needs at least one host and one path");
            Require(ingress.Issuer is null || ingress.TlsSecretName is not null, "an Ingress with a certificate issuer needs the Secret it fills");
            Require(f.Mode != ProxyMode.Gateway || ingress.BackendPort == f.Listener.ServicePort, "in Gateway mode the Ingress sends to the proxy Service port");
        }

        return found;
    }

    private static void Routes(ProxyFragment f, Action<bool, string> require)
    {
        var d = f.DefaultRoute;
        require(d.IsDefault && d.Matches.IsEmpty && d.Filters.IsEmpty, "the default route has no name, no matches and no filters");
        require(f.Protocol != AppProtocol.Tcp || f.Routes.IsEmpty, "TCP cannot match requests, so a TCP fragment has no user routes");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in f.Routes)
        {
            require(route.Name.Length > 0 && route.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'), $"route name \"{route.Name}\" must be non-empty lower-case letters, digits and '-'");
            require(names.Add(route.Name), $"route name \"{route.Name}\" is used twice");
        }

        var targets = new Dictionary<(string, int), BackendTarget>();
        foreach (var route in f.AllRoutes)
        {
            Requests(route, require);
            foreach (var backend in route.Backends)
            {
                require(backend.Weight >= 0, $"{backend.FieldPath}: weight {backend.Weight.ToString(CultureInfo.InvariantCulture)} is negative");
                var key = (backend.Target.ServiceName, backend.Target.Port);
                require(targets.TryAdd(key, backend.Target) || targets[key] == backend.Target, $"{backend.FieldPath}: Service {key.ServiceName} port {key.Port.ToString(CultureInfo.InvariantCulture)} is reached in two different ways, but names one backend section");
            }

            foreach (var mirror in route.Filters.OfType<MirrorRule>())
            {
                var key = (mirror.Target.ServiceName, mirror.Target.Port);
                require(targets.TryAdd(key, mirror.Target) || targets[key] == mirror.Target, $"{mirror.FieldPath}: Service {key.ServiceName} port {key.Port.ToString(CultureInfo.InvariantCulture)} is reached in two different ways, but names one mirror section");
            }

            foreach (var match in route.Matches)
            {
                require(match.Path is not { Kind: PathMatchKind.Prefix, Value: var v } || v == "/" || (v.Length > 0 && !v.EndsWith('/')), $"{route.FieldPath}: a prefix has no trailing '/' (except \"/\" itself)");
            }

            foreach (var filter in route.Filters)
            {
                Filter(route, filter, require);
            }
        }
    }

    private static void Requests(RouteRule route, Action<bool, string> require)
    {
        var r = route.Requests;
        require(r.Connect > TimeSpan.Zero && r.Server > TimeSpan.Zero && r.Queue > TimeSpan.Zero, $"{route.FieldPath}: request timeouts must be positive");
        var retry = r.Retry;
        require(retry.Attempts >= 0, $"{route.FieldPath}: retry attempts must not be negative");
        require(retry.Conditions.Contains(RetryCondition.Status) == !retry.StatusCodes.IsEmpty, $"{route.FieldPath}: retry on Status exactly when status codes are listed");
        require(Ascending(retry.Conditions.Select(c => (int)c).ToList()) && Ascending(retry.StatusCodes.ToList()), $"{route.FieldPath}: retry conditions and status codes are distinct and ascending");
    }

    private static void Filter(RouteRule route, RouteFilterRule filter, Action<bool, string> require)
    {
        var path = filter switch
        {
            UrlRewriteRule r => r.Path,
            RedirectRule r => r.Path,
            _ => null,
        };
        if (path is not null)
        {
            require((path.ReplaceFullPath is null) != (path.ReplacePrefix is null), $"{route.FieldPath}: a path replacement replaces the full path or the prefix, not both or neither");
            require(path.ReplacePrefix is not null || path.MatchedPrefixes.IsEmpty, $"{route.FieldPath}: only a prefix replacement carries matched prefixes");
        }

        if (filter is FaultInjectionRule fault)
        {
            require(fault.AbortStatus is null or >= 200 and <= 599, $"{route.FieldPath}: an abort status lies in 200-599");
            require(fault.AbortPercent is >= 0 and <= 100 && fault.DelayPercent is >= 0 and <= 100, $"{route.FieldPath}: fault percentages lie in 0-100");
            require((fault.AbortStatus is not null || fault.AbortPercent == 0) && (fault.Delay is not null || fault.DelayPercent == 0), $"{route.FieldPath}: a fault percentage is set only with its abort status or delay");
            require(fault.Delay is null || fault.Delay > TimeSpan.Zero, $"{route.FieldPath}: a fault delay is positive");
        }

        if (filter is MirrorRule mirror)
        {
            require(mirror.Percent is >= 0 and <= 100, $"{mirror.FieldPath}: a mirror percentage lies in 0-100");
        }

        if (filter is RedirectRule redirect)
        {
            require(RedirectCodes.Contains(redirect.StatusCode), $"{route.FieldPath}: redirect status {redirect.StatusCode.ToString(CultureInfo.InvariantCulture)} is not 301, 302, 303, 307 or 308");
        }
    }

    private static void Endpoints(EndpointPolicy e, Action<bool, string> require)
    {
        require((e.Algorithm == LoadBalancing.ConsistentHash) == (e.HashKey is not null), "a hash key is set exactly for ConsistentHash");
        require(e.MaxConnections is null or >= 1, "maxConnections must be at least 1 (HAProxy reads maxconn 0 as unlimited)");
        require(e.MaxPendingRequests is null || (e.MaxConnections is not null && e.MaxPendingRequests >= 0), "maxPendingRequests is set only with maxConnections, and is not negative");
        require(e.EndpointSlots >= 1, "a backend needs at least one endpoint slot");
        require(e.HealthCheck is null || (e.HealthCheck.Interval > TimeSpan.Zero && e.HealthCheck.Timeout > TimeSpan.Zero), "health check interval and timeout must be positive");
        require(e.Outlier is null || (e.Outlier.Interval > TimeSpan.Zero && e.Outlier.ConsecutiveErrors >= 1), "outlier ejection needs a positive interval and at least one error");
    }

    private static bool IsPort(int port) => port is >= 1 and <= 65535;

    private static bool Ascending(List<int> values) => values.Zip(values.Skip(1)).All(p => p.First < p.Second);
}
