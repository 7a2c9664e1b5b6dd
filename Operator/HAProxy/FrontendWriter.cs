using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// The frontend of one fragment: listener, client timeouts, rate limit, trace generation, route
/// selection, filters and the weighted choice of backend. The route is picked once into
/// txn.jn_route (first match wins), and every later rule keys on it, so filters of one route can
/// never apply to another.
/// </summary>
internal static class FrontendWriter
{
    private const string RouteVar = "txn.jn_route";
    private const string PickVar = "txn.jn_pick";
    private const string SchemeVar = "txn.jn_scheme";

    /// <param name="cfg">The config being written.</param>
    /// <param name="f">The fragment.</param>
    /// <param name="plan">Its backends.</param>
    /// <param name="options">Process-wide settings.</param>
    /// <param name="bind">
    /// What to bind instead of the fragment's listener port: a sidecar reaches each policy's
    /// frontend through an internal socket (e.g. <c>abns@x accept-proxy</c>).
    /// </param>
    /// <param name="clientAddressHeader">
    /// For an internal HTTP hop: the header in which the hop's other end puts the caller's address.
    /// It becomes the source address before any rule runs and is removed.
    /// </param>
    public static void Write(ConfigText cfg, ProxyFragment f, BackendPlan plan, HAProxyGlobalOptions options, string? bind = null, string? clientAddressHeader = null)
    {
        cfg.Section("frontend " + HAProxyNames.Frontend(f));
        cfg.Comment("TrafficPolicy " + f.Namespace + "/" + f.PolicyName);
        if (f.Protocol == AppProtocol.Tcp)
        {
            Tcp(cfg, f, plan, options, bind);
            return;
        }

        cfg.Line("mode http");
        cfg.Line("bind " + (bind ?? Address(options, f.Listener.Port)) + (IsH2(f) ? " proto h2" : ""));
        if (f.Observability.AccessLog)
        {
            cfg.Line("option httplog");
        }
        else
        {
            cfg.Line("no log");
        }

        cfg.Line("option idle-close-on-response");
        cfg.Line("option forwardfor");
        cfg.Line("timeout client " + HAProxyText.Time(f.ClientTimeouts.Idle));
        cfg.Line("timeout http-request " + HAProxyText.Time(f.ClientTimeouts.Request));
        cfg.Line("timeout http-keep-alive " + HAProxyText.Time(f.ClientTimeouts.Idle));
        if (clientAddressHeader is not null)
        {
            cfg.Line("http-request set-src " + HAProxyText.Quote("req.hdr(" + clientAddressHeader + ")"));
            cfg.Line("http-request del-header " + clientAddressHeader);
        }

        if (f.Observability.AccessLog)
        {
            cfg.Line("http-request capture req.hdr(traceparent) len 55");
        }

        AccessWriter.WriteHttp(cfg, f);
        RateLimit(cfg, f);
        Tracing(cfg, f);
        SelectRoute(cfg, f);
        foreach (var (route, index) in f.Routes.Select((r, i) => (r, i)))
        {
            FilterWriter.Write(cfg, route, RouteCondition(index), SchemeVar, f, options);
        }

        ChooseBackends(cfg, f, plan, "http-request");
    }

    // An empty address binds every IPv4 address (":8080").
    public static string Address(HAProxyGlobalOptions options, int port) => options.BindAddress + ":" + HAProxyText.Int(port);

    public static bool IsH2(ProxyFragment f) => f.Protocol is AppProtocol.Http2 or AppProtocol.Grpc;

    public static bool NeedsSustainedTable(ProxyFragment f, RateLimitRule limit) =>
        f.Protocol != AppProtocol.Tcp && limit.Burst > limit.RequestsPerSecond;

    public static string TableKey(RateLimitRule limit) => limit.Key switch
    {
        RateLimitKeyKind.Header => "type string len 128",
        RateLimitKeyKind.Global => "type integer",
        _ => "type ipv6",
    };

    private static string TrackedSample(RateLimitRule limit) => limit.Key switch
    {
        RateLimitKeyKind.Header => HAProxyText.Quote("req.fhdr(" + HAProxyText.FetchArgument(limit.HeaderName) + ")"),
        RateLimitKeyKind.Global => "int(0)",
        _ => "src",
    };

    private static void Tcp(ConfigText cfg, ProxyFragment f, BackendPlan plan, HAProxyGlobalOptions options, string? bind)
    {
        cfg.Line("mode tcp");
        cfg.Line("bind " + (bind ?? Address(options, f.Listener.Port)));
        if (f.Observability.AccessLog)
        {
            cfg.Line("option tcplog");
        }
        else
        {
            cfg.Line("no log");
        }

        cfg.Line("timeout client " + HAProxyText.Time(f.ClientTimeouts.Idle));
        AccessWriter.WriteTcp(cfg, f);
        if (f.RateLimit is { } limit)
        {
            // Connections are what TCP can count; a header key has no meaning here.
            var key = limit.Key == RateLimitKeyKind.Global ? "int(0)" : "src";
            cfg.Line("stick-table " + (limit.Key == RateLimitKeyKind.Global ? "type integer" : "type ipv6") + " size 1m expire 10s store conn_rate(1s)");
            cfg.Line("tcp-request connection track-sc0 " + key);
            cfg.Line("tcp-request connection reject if { sc_conn_rate(0) gt " + HAProxyText.Int(limit.Burst) + " }");
        }

        ChooseBackends(cfg, f, plan, "tcp-request content");
    }

    // A 1s window caps bursts; when the burst is above the sustained rate, a 10s window in a
    // separate table enforces the rate itself.
    private static void RateLimit(ConfigText cfg, ProxyFragment f)
    {
        if (f.RateLimit is not { } limit)
        {
            return;
        }

        cfg.Line("stick-table " + TableKey(limit) + " size 1m expire 10s store http_req_rate(1s)");
        cfg.Line("http-request track-sc0 " + TrackedSample(limit));
        cfg.Line("http-request deny deny_status 429 if { sc_http_req_rate(0) gt " + HAProxyText.Int(limit.Burst) + " }");
        if (NeedsSustainedTable(f, limit))
        {
            var table = HAProxyNames.RateTable(f);
            cfg.Line("http-request track-sc1 " + TrackedSample(limit) + " table " + table);
            cfg.Line("http-request deny deny_status 429 if { sc_http_req_rate(1," + table + ") gt " + HAProxyText.Int(limit.RequestsPerSecond * 10) + " }");
        }
    }

    // Incoming traceparent headers pass untouched; every request without one gets a fresh W3C
    // traceparent (version 00, 32-hex trace id, 16-hex parent id). The sampling decision is the
    // flags byte: 01 for the sampled percent, 00 for the rest, so every hop still shares one
    // trace id. The second rule sees the header the first one set.
    private static void Tracing(ConfigText cfg, ProxyFragment f)
    {
        if (f.Observability.TraceSamplingPercent is not { } percent)
        {
            return;
        }

        if (percent > 0)
        {
            cfg.Line("http-request set-header traceparent 00-%[uuid,regsub(-,,g)]-%[uuid,field(4,-)]%[uuid,field(5,-)]-01 if !{ req.hdr(traceparent) -m found } { rand(100) lt " + HAProxyText.Int(percent) + " }");
        }

        if (percent < 100)
        {
            cfg.Line("http-request set-header traceparent 00-%[uuid,regsub(-,,g)]-%[uuid,field(4,-)]%[uuid,field(5,-)]-00 if !{ req.hdr(traceparent) -m found }");
        }
    }

    private static void SelectRoute(ConfigText cfg, ProxyFragment f)
    {
        for (var i = 0; i < f.Routes.Count; i++)
        {
            var route = f.Routes[i];
            var set = "http-request set-var(" + RouteVar + ") str(" + RouteId(i) + ") if !{ var(" + RouteVar + ") -m found }";
            if (route.Matches.IsEmpty)
            {
                cfg.Line(set);
                continue;
            }

            for (var j = 0; j < route.Matches.Count; j++)
            {
                var acls = MatchAcls.Write(cfg, route.Matches[j], RouteId(i) + "m" + HAProxyText.Int(j));
                cfg.Line(set + (acls.Count == 0 ? "" : " " + string.Join(" ", acls)));
            }
        }

        if (f.Routes.Any(r => r.Filters.OfType<RedirectRule>().Any(x => x.Scheme is null)))
        {
            // The scheme the client used: TLS ends at the Ingress, which says so in X-Forwarded-Proto.
            cfg.Line("http-request set-var(" + SchemeVar + ") str(http)");
            cfg.Line("http-request set-var(" + SchemeVar + ") str(https) if { req.fhdr(x-forwarded-proto) -m str -i https }");
        }
    }

    // Route by route, a weighted choice among backends with weight above 0: one random draw per
    // request against cumulative weights, so shares are exact whatever each Service's pod count.
    private static void ChooseBackends(ConfigText cfg, ProxyFragment f, BackendPlan plan, string rules)
    {
        var routes = f.Routes.Select((r, i) => (Route: r, Condition: RouteCondition(i))).ToList();
        routes.Add((f.DefaultRoute, f.Routes.IsEmpty ? "" : "!{ var(" + RouteVar + ") -m found }"));
        var lines = new List<string>();
        string? fallback = null;
        foreach (var (route, condition) in routes)
        {
            var live = route.Backends.Where(b => b.Weight > 0).ToList();
            var guard = condition.Length == 0 ? "" : " if " + condition;
            if (live.Count == 0)
            {
                cfg.Line(rules == "http-request"
                    ? "http-request return status 503 content-type text/plain string \"no backend has a weight above 0\"" + guard
                    : "tcp-request content reject" + guard);
                continue;
            }

            if (live.Count > 1)
            {
                cfg.Line(rules + " set-var(" + PickVar + ") rand(" + HAProxyText.Int(live.Sum(b => b.Weight)) + ")" + guard);
            }

            var cumulative = 0;
            for (var k = 0; k < live.Count; k++)
            {
                var name = plan.NameOf(route, live[k]);
                cumulative += live[k].Weight;
                var last = k == live.Count - 1;
                if (route.IsDefault && last)
                {
                    fallback = name;
                    continue;
                }

                var when = (condition.Length == 0 ? "" : condition + " ") + (last ? "" : "{ var(" + PickVar + ") -m int lt " + HAProxyText.Int(cumulative) + " }");
                lines.Add("use_backend " + name + (when.Trim().Length == 0 ? "" : " if " + when.Trim()));
            }
        }

        foreach (var line in lines)
        {
            cfg.Line(line);
        }

        if (fallback is not null)
        {
            cfg.Line("default_backend " + fallback);
        }
    }

    private static string RouteId(int index) => "r" + HAProxyText.Int(index);

    private static string RouteCondition(int index) => "{ var(" + RouteVar + ") -m str " + RouteId(index) + " }";
}
