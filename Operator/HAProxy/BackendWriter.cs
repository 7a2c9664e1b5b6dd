using Junction.Ir;

namespace Junction.HAProxy;

/// <summary>
/// One backend per Service port and request policy (see <see cref="BackendPlan"/>): the route's
/// timeouts and retries, the policy's balancing, circuit breaker and checks, and a server-template
/// that DNS fills with the endpoints of the headless twin, so pod churn never changes the config.
/// </summary>
internal static class BackendWriter
{
    private const string CapacityVar = "txn.jn_capacity";

    // Methods that may be replayed safely; others are retried only when the connection failed.
    private const string IdempotentMethods = "GET HEAD OPTIONS PUT DELETE TRACE";

    /// <param name="cfg">The config being written.</param>
    /// <param name="f">The fragment.</param>
    /// <param name="backend">The backend.</param>
    /// <param name="options">Process-wide settings.</param>
    /// <param name="serverTls">
    /// Server options that make every endpoint connection mutual TLS with an identity check
    /// (a sidecar or a gateway reaching meshed endpoints, see <see cref="MeshTls"/>); null for plaintext.
    /// </param>
    public static void Write(ConfigText cfg, ProxyFragment f, BackendPlan.Entry backend, HAProxyGlobalOptions options, string? serverTls = null)
    {
        var tcp = f.Protocol == AppProtocol.Tcp;
        var target = backend.Target;
        var name = backend.Name;
        var about = "Service " + f.Namespace + "/" + target.ServiceName + " port " + HAProxyText.Int(target.Port) + " for " + string.Join(", ", backend.FieldPaths.Distinct());
        if (!tcp && backend.Requests.NeedsDeadline)
        {
            name = Deadline(cfg, backend, about, options);
        }

        cfg.Section("backend " + name);
        cfg.Comment(about);
        cfg.Line(tcp ? "mode tcp" : "mode http");
        Balance(cfg, f.Endpoints, tcp);
        Timeouts(cfg, f, backend.Requests, tcp);
        Retries(cfg, backend.Requests.Retry, tcp);
        CircuitBreaker(cfg, f.Endpoints, tcp);
        HealthCheck(cfg, f, tcp);
        cfg.Line(DefaultServer(f, tcp) + (serverTls is null ? "" : " " + serverTls));
        if (target.Resolved)
        {
            var address = target.Discovery.IsSrv
                ? target.Discovery.Name
                : target.Discovery.Name + ":" + HAProxyText.Int(target.Discovery.Port!.Value);
            cfg.Line("server-template " + HAProxyNames.ServerPrefix(target) + " " + HAProxyText.Int(f.Endpoints.EndpointSlots) + " " + address);
        }
        else
        {
            cfg.Comment("unresolved reference: no servers, requests get 503");
        }
    }

    // HAProxy restarts the server timeout with every attempt, so retries alone can outlast
    // timeouts.request. The attempts therefore run behind an internal HTTP/2 hop: this backend
    // makes one attempt at the hop with the whole request's time; when that runs out the client
    // gets 504 and the hop's RST_STREAM aborts the attempt in flight, so no attempt starts after
    // the deadline. Measured on 2.6: request 1s, 400ms per try, a backend slower than that:
    // 504 after 1.00s and 3 backend hits (without the hop: 2.4s and 6 hits).
    // Returns the name of the backend that makes the attempts.
    private static string Deadline(ConfigText cfg, BackendPlan.Entry backend, string about, HAProxyGlobalOptions options)
    {
        var requests = backend.Requests;
        var tries = backend.Name + HAProxyNames.TriesSuffix;
        var socket = "abns@" + HAProxyNames.TriesSocket(options, tries);
        cfg.Section("backend " + backend.Name);
        cfg.Comment(about + ": the whole request, every attempt included, within " + HAProxyText.Time(requests.Request));
        cfg.Line("mode http");
        cfg.Line("timeout connect " + HAProxyText.Time(requests.Connect));
        cfg.Line("timeout server " + HAProxyText.Time(requests.Request));
        cfg.Line("timeout tunnel " + HAProxyText.Time(requests.Idle));
        cfg.Line("retries 0");
        cfg.Line("server attempts " + socket + " proto h2");

        cfg.Section("frontend " + tries);
        cfg.Comment("the attempts of " + backend.Name);
        cfg.Line("mode http");
        cfg.Line("bind " + socket + " proto h2");
        cfg.Line("no log");
        cfg.Line("timeout client " + HAProxyText.Time(requests.Idle > requests.Request ? requests.Idle : requests.Request));
        cfg.Line("default_backend " + tries);
        return tries;
    }

    private static void Balance(ConfigText cfg, EndpointPolicy e, bool tcp)
    {
        switch (e.Algorithm)
        {
            case LoadBalancing.LeastRequest:
                cfg.Line("balance leastconn");
                break;
            case LoadBalancing.Random:
                cfg.Line("balance random");
                break;
            case LoadBalancing.ConsistentHash:
                cfg.Line("balance " + HashInput(e.HashKey, tcp));
                cfg.Line("hash-type consistent");
                break;
            default:
                cfg.Line("balance roundrobin");
                break;
        }
    }

    private static string HashInput(HashKey? key, bool tcp) => key switch
    {
        { Kind: HashKeyKind.Header } when !tcp => HAProxyText.Quote("hdr(" + HAProxyText.BalanceHeaderName(key.Name) + ")"),
        { Kind: HashKeyKind.Cookie } when !tcp => "hash " + HAProxyText.Quote("req.cook(" + HAProxyText.FetchArgument(key.Name) + ")"),
        _ => "source",
    };

    private static void Timeouts(ConfigText cfg, ProxyFragment f, RequestPolicy requests, bool tcp)
    {
        cfg.Line("timeout connect " + HAProxyText.Time(requests.Connect));
        // A TCP stream is bounded by idleness only; an HTTP attempt by the route's attempt timeout,
        // and a stream it upgrades (WebSocket) by the route's idle time.
        cfg.Line("timeout server " + HAProxyText.Time(tcp ? requests.Idle : requests.Server));
        cfg.Line("timeout queue " + HAProxyText.Time(requests.Queue));
        if (!tcp)
        {
            cfg.Line("timeout tunnel " + HAProxyText.Time(requests.Idle));
        }
    }

    private static void Retries(ConfigText cfg, RetryRule retry, bool tcp)
    {
        cfg.Line("retries " + HAProxyText.Int(retry.Attempts));
        if (retry.Attempts == 0)
        {
            return;
        }

        cfg.Line("option redispatch 1");
        if (tcp)
        {
            return;
        }

        var on = RetryOn(retry);
        cfg.Line("retry-on " + (on.Count == 0 ? "conn-failure" : string.Join(" ", on)));
        if (!retry.RetryNonIdempotent && on.Any(o => o != "conn-failure"))
        {
            cfg.Line("http-request disable-l7-retry if !{ method " + IdempotentMethods + " }");
        }
    }

    private static List<string> RetryOn(RetryRule retry)
    {
        var on = new List<string>();
        foreach (var condition in retry.Conditions)
        {
            switch (condition)
            {
                case RetryCondition.ConnectFailure:
                    on.Add("conn-failure");
                    break;
                case RetryCondition.Reset:
                    on.Add("empty-response");
                    on.Add("junk-response");
                    break;
                case RetryCondition.Timeout:
                    on.Add("response-timeout");
                    break;
                case RetryCondition.Status:
                    on.AddRange(retry.StatusCodes.Select(HAProxyText.Int));
                    break;
            }
        }

        return on;
    }

    // maxconn per server queues requests beyond maxConnections; this rule turns "every slot busy
    // and maxPendingRequests already waiting" into an immediate 503. be_conn counts this request
    // too, hence "greater than" the capacity of usable servers (nbsrv) plus the allowed queue.
    private static void CircuitBreaker(ConfigText cfg, EndpointPolicy e, bool tcp)
    {
        if (e.MaxConnections is not { } max || e.MaxPendingRequests is not { } pending)
        {
            return;
        }

        var rules = tcp ? "tcp-request content" : "http-request";
        cfg.Line(rules + " set-var(" + CapacityVar + ") nbsrv,mul(" + HAProxyText.Int(max) + "),add(" + HAProxyText.Int(pending) + ")");
        cfg.Line(tcp
            ? "tcp-request content reject if { be_conn,sub(" + CapacityVar + ") gt 0 }"
            : "http-request return status 503 content-type text/plain string \"circuit breaker open\" if { be_conn,sub(" + CapacityVar + ") gt 0 }");
    }

    private static void HealthCheck(ConfigText cfg, ProxyFragment f, bool tcp)
    {
        if (f.Endpoints.HealthCheck is not { } check)
        {
            return;
        }

        if (check.Path is { } path && !tcp)
        {
            cfg.Line("option httpchk GET " + HAProxyText.Quote(path));
            cfg.Line("http-check expect status 200-399");
        }

        cfg.Line("timeout check " + HAProxyText.Time(check.Timeout));
    }

    private static string DefaultServer(ProxyFragment f, bool tcp)
    {
        var e = f.Endpoints;
        // A new worker of a reload starts from the address saved in the server state file, if
        // any, instead of serving 503 until its first DNS answer.
        var parts = new List<string> { "default-server init-addr last,none resolvers " + HAProxyNames.Resolvers + " resolve-prefer ipv4" };
        if (e.HealthCheck is not null || e.Outlier is not null)
        {
            parts.Add(CheckSettings(e));
        }

        if (e.Outlier is { } outlier)
        {
            parts.Add("observe " + (tcp ? "layer4" : "layer7") + " error-limit " + HAProxyText.Int(outlier.ConsecutiveErrors) + " on-error mark-down");
        }

        if (e.MaxConnections is { } max)
        {
            parts.Add("maxconn " + HAProxyText.Int(max));
        }

        if (FrontendWriter.IsH2(f))
        {
            parts.Add("proto h2");
            if (e.HealthCheck?.Path is not null)
            {
                parts.Add("check-proto h2");
            }
        }

        return string.Join(" ", parts);
    }

    // An ejected endpoint is probed every outlier interval and returns after enough successes
    // to have stayed out at least the base ejection time. Checks run on their own schedule, so
    // the first one after an ejection may come almost at once: one more success than
    // baseEjectionTime/interval covers that first, early interval.
    private static string CheckSettings(EndpointPolicy e)
    {
        var check = e.HealthCheck;
        var outlier = e.Outlier;
        var inter = check?.Interval ?? outlier!.Interval;
        var fall = check?.UnhealthyThreshold ?? 1;
        var rise = check?.HealthyThreshold ?? 1;
        var text = "check inter " + HAProxyText.Time(inter);
        if (outlier is not null)
        {
            var needed = (int)Math.Ceiling(outlier.BaseEjectionTime.TotalMilliseconds / outlier.Interval.TotalMilliseconds) + 1;
            rise = Math.Max(rise, needed);
            text += " downinter " + HAProxyText.Time(outlier.Interval);
        }

        return text + " fall " + HAProxyText.Int(fall) + " rise " + HAProxyText.Int(rise);
    }
}
