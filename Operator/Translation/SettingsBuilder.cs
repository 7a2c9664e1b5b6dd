using System.Globalization;
using Junction.Api.V1Alpha1;
using Junction.Ir;

namespace Junction.Translation;

/// <summary>Turns the policy-wide settings into IR, with every default applied.</summary>
internal static class SettingsBuilder
{
    /// <summary>HAProxy can retry on these status codes only; others are reported and ignored.</summary>
    public static readonly IReadOnlySet<int> RetryableStatusCodes = new HashSet<int> { 404, 408, 425, 500, 501, 502, 503, 504 };

    /// <summary>
    /// The request handling of one route. <paramref name="routePath"/> names the route's retry in
    /// notices about retries that cannot happen; <paramref name="methods"/> are the methods its
    /// matches require, empty when any method can reach it.
    /// </summary>
    public static RequestPolicy Requests(Timeouts? own, Timeouts? policyWide, RetryPolicy? retry, string retryPath, string routePath, IReadOnlyList<string> methods, List<string> notices)
    {
        var connect = Defaults.Duration(own?.Connect ?? policyWide?.Connect, Defaults.Connect);
        var request = Defaults.Duration(own?.Request ?? policyWide?.Request, Defaults.Request);
        var idle = Defaults.Duration(own?.Idle ?? policyWide?.Idle, Defaults.Idle);
        var attempt = Defaults.Duration(own?.BackendRequest ?? policyWide?.BackendRequest, request);
        var rule = Retry(retry, retryPath, notices);
        if (retry?.PerTryTimeout is not null)
        {
            attempt = Defaults.Duration(retry.PerTryTimeout, attempt);
        }

        // No attempt may outlive the request it belongs to.
        var policy = new RequestPolicy(connect, attempt < request ? attempt : request, connect, rule, request, idle);
        RetryNotices(policy, routePath, methods, notices);
        return policy;
    }

    private static readonly string[] ReplayedMethods = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

    // Retries that the proxy is told about but can never (or only sometimes) carry out.
    private static void RetryNotices(RequestPolicy policy, string retryPath, IReadOnlyList<string> methods, List<string> notices)
    {
        var retry = policy.Retry;
        if (!policy.RetriesResponses)
        {
            return;
        }

        if (!retry.RetryNonIdempotent && methods.Count > 0 && methods.All(m => !ReplayedMethods.Contains(m, StringComparer.Ordinal)))
        {
            var only = retry.Conditions.Contains(RetryCondition.ConnectFailure) ? "; only connect-failure is retried" : "";
            notices.Add($"{retryPath}: retries of failed responses never happen on a route that matches only {string.Join(", ", methods.Distinct())} requests, which are not replayed without retryNonIdempotent{only}");
            return;
        }

        if (policy.NeedsDeadline)
        {
            var tries = retry.Attempts + 1;
            var fit = (int)(policy.Request.Ticks / policy.Server.Ticks);
            notices.Add($"{retryPath}: {tries} tries x {Api.V1Alpha1.Duration.Format(policy.Server)} per try exceed the request timeout {Api.V1Alpha1.Duration.Format(policy.Request)}; "
                + $"the proxy answers 504 at {Api.V1Alpha1.Duration.Format(policy.Request)}, so after tries that time out only {fit.ToString(CultureInfo.InvariantCulture)} can run");
        }
    }

    public static RetryRule Retry(RetryPolicy? retry, string path, List<string> notices)
    {
        var attempts = retry?.Attempts ?? Defaults.RetryAttempts;
        var conditions = new SortedSet<RetryCondition>();
        var codes = new SortedSet<int>();
        var retryOn = retry?.RetryOn is { Count: > 0 } list ? list : ["connect-failure"];
        for (var i = 0; i < retryOn.Count; i++)
        {
            AddCondition(retryOn[i], $"{path}.retryOn[{i.ToString(CultureInfo.InvariantCulture)}]", conditions, codes, notices);
        }

        if (codes.Count > 0)
        {
            conditions.Add(RetryCondition.Status);
        }

        return new RetryRule(attempts, conditions.ToEquatableArray(), codes.ToEquatableArray(), retry?.RetryNonIdempotent ?? false);
    }

    private static void AddCondition(string value, string path, SortedSet<RetryCondition> conditions, SortedSet<int> codes, List<string> notices)
    {
        switch (value)
        {
            case "connect-failure":
                conditions.Add(RetryCondition.ConnectFailure);
                break;
            case "reset":
                conditions.Add(RetryCondition.Reset);
                break;
            case "timeout":
                conditions.Add(RetryCondition.Timeout);
                break;
            case "gateway-error":
                codes.UnionWith([502, 503, 504]);
                break;
            case "5xx":
                codes.UnionWith([500, 501, 502, 503, 504]);
                conditions.Add(RetryCondition.Reset);
                break;
            default:
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && RetryableStatusCodes.Contains(code))
                {
                    codes.Add(code);
                }
                else
                {
                    notices.Add($"{path}: \"{value}\" cannot be retried by the proxy and is ignored (retryable codes: 404, 408, 425, 500-504)");
                }

                break;
        }
    }

    public static ClientTimeouts Client(Timeouts? timeouts) => new(
        Defaults.Duration(timeouts?.Request, Defaults.Request),
        Defaults.Duration(timeouts?.Idle, Defaults.Idle));

    public static EndpointPolicy Endpoints(TrafficPolicySpec spec, int slots)
    {
        var (algorithm, key) = Balancing(spec.LoadBalancer);
        var breaker = spec.CircuitBreaker;
        return new EndpointPolicy(
            algorithm,
            key,
            breaker?.MaxConnections,
            breaker?.MaxConnections is null ? null : breaker.MaxPendingRequests,
            HealthCheck(spec.HealthCheck),
            Outlier(breaker?.OutlierDetection),
            slots);
    }

    private static (LoadBalancing, HashKey?) Balancing(LoadBalancer? lb) => lb?.Algorithm switch
    {
        "LeastRequest" => (LoadBalancing.LeastRequest, null),
        "Random" => (LoadBalancing.Random, null),
        "ConsistentHash" => (LoadBalancing.ConsistentHash, HashKeyOf(lb.ConsistentHash)),
        _ => (LoadBalancing.RoundRobin, null),
    };

    private static HashKey HashKeyOf(ConsistentHash? hash) => hash?.Type switch
    {
        "Header" when !string.IsNullOrEmpty(hash.Name) => new HashKey(HashKeyKind.Header, hash.Name),
        "Cookie" when !string.IsNullOrEmpty(hash.Name) => new HashKey(HashKeyKind.Cookie, hash.Name),
        _ => new HashKey(HashKeyKind.SourceIp, ""),
    };

    private static ActiveHealthCheck? HealthCheck(HealthCheck? check) => check is null
        ? null
        : new ActiveHealthCheck(
            string.IsNullOrEmpty(check.Path) ? null : check.Path,
            Defaults.Duration(check.Interval, Defaults.HealthInterval),
            Defaults.Duration(check.Timeout, Defaults.HealthTimeout),
            check.HealthyThreshold ?? Defaults.HealthyThreshold,
            check.UnhealthyThreshold ?? Defaults.UnhealthyThreshold);

    private static OutlierEjection? Outlier(OutlierDetection? outlier) => outlier is null
        ? null
        : new OutlierEjection(
            outlier.ConsecutiveErrors ?? Defaults.OutlierErrors,
            Defaults.Duration(outlier.Interval, Defaults.OutlierInterval),
            Defaults.Duration(outlier.BaseEjectionTime, Defaults.OutlierEjection));

    public static RateLimitRule? RateLimit(RateLimit? limit) => limit is null
        ? null
        : new RateLimitRule(
            limit.RequestsPerSecond,
            Math.Max(limit.Burst ?? limit.RequestsPerSecond, limit.RequestsPerSecond),
            limit.Key switch
            {
                "Header" when !string.IsNullOrEmpty(limit.HeaderName) => RateLimitKeyKind.Header,
                "Global" => RateLimitKeyKind.Global,
                _ => RateLimitKeyKind.ClientIp,
            },
            limit.Key == "Header" ? limit.HeaderName ?? "" : "");

    // Metrics default on: every proxy serves /metrics, as the design promises. The access log
    // and trace generation follow the API's rule: on once their block is present.
    public static ObservabilitySettings Observability(Observability? o) => new(
        AccessLog: o?.AccessLog is { } log && (log.Enabled ?? true),
        Metrics: o?.Metrics?.Enabled ?? true,
        TraceSamplingPercent: o?.Tracing is { } t ? t.SamplingPercent ?? 100 : null);

    public static SecuritySettings Security(TrafficPolicySpec spec) => new(
        spec.Mtls?.Mode,
        spec.Authorization is null ? null : spec.Authorization.DefaultAction ?? "Deny",
        (spec.Authorization?.Rules ?? []).Select(DescribeRule).ToEquatableArray(),
        spec.Authorization is { } authorization ? Access(authorization) : null);

    private static AccessPolicy Access(Authorization authorization) => new(
        authorization.DefaultAction == "Allow",
        (authorization.Rules ?? []).Select((rule, i) => new AccessRule(
            "spec.authorization.rules[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
            (rule.From?.ServiceAccounts ?? []).ToEquatableArray(),
            (rule.From?.Namespaces ?? []).ToEquatableArray(),
            (rule.To?.Methods ?? []).ToEquatableArray(),
            (rule.To?.Paths ?? []).Select(p => p.EndsWith('*') ? new AccessPath(p.TrimEnd('*'), true) : new AccessPath(p, false)).ToEquatableArray())).ToEquatableArray());

    private static string DescribeRule(AuthorizationRule rule)
    {
        var from = string.Join(",", (rule.From?.ServiceAccounts ?? []).Select(s => "sa:" + s)
            .Concat((rule.From?.Namespaces ?? []).Select(n => "ns:" + n)));
        var to = string.Join(",", (rule.To?.Methods ?? []).Concat(rule.To?.Paths ?? []));
        return $"{(from.Length == 0 ? "*" : from)} -> {(to.Length == 0 ? "*" : to)}";
    }
}
