using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Junction.Validation.Regexes;

namespace Junction.Tests.HAProxy;

/// <summary>
/// Random TrafficPolicy specs aimed at the corners of the config writer: header, cookie and query
/// names made of every token character (', $, %, #, |, `), values with quotes, backslashes, '%',
/// '$' and non-ASCII text, regexes drawn from the grammar validation accepts, weights, retries,
/// timeouts, rate limits, hashing, health checks and every filter. Each spec is JSON, which is YAML.
/// </summary>
internal static class GeneratedPolicyGen
{
    private const string TokenChars = "abcxyz09-_.!#$%&'*+^`|~";
    private const string ValueChars = "abz09 -_.,;:/\"'\\$%#{}()[]<>=?!*+|~`@\té";
    private const string QueryNameChars = "abz09-_.!$'*+;:/@~\"\\[]<>{}|^`%";
    private const string PathChars = "abz09-_.~!$&'()*+,;=:@%é";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One spec as JSON text, without apiVersion/kind/metadata.</summary>
    public static Gen<string> Spec => Gen.Int[0, 9].SelectMany(kind => kind == 0 ? TcpSpec : HttpSpec)
        .Select(spec => JsonSerializer.Serialize(spec, Json));

    /// <summary>The full policy document for a spec.</summary>
    public static string Document(string name, string spec) =>
        "apiVersion: traffic.junction.dev/v1alpha1\nkind: TrafficPolicy\nmetadata: {name: " + name + ", namespace: gen}\nspec: " + spec + "\n";

    private static Gen<string> Chars(string alphabet, int min, int max) =>
        Gen.Char[alphabet].Array[min, max].Select(a => new string(a));

    private static Gen<string> Token => Chars(TokenChars, 1, 12);

    private static Gen<string> Dns => Gen.OneOf("a", "svc", "checkout-v2", "b0", "x-y-z");

    private static Gen<string> Duration => Gen.Select(Gen.Int[1, 900], Gen.OneOf("ms", "s", "m"), (n, u) => n + u);

    private static Gen<string> Path => Chars(PathChars, 0, 12).Select(p => "/" + p);

    private static Gen<Dictionary<string, object?>> TcpSpec => Gen.Select(
        Gen.Int[1, 65535], Gen.Bool, Gen.Int[1, 5000], Gen.OneOf("ClientIP", "Global"), Gen.Bool, Duration,
        (port, limit, rps, key, hash, connect) => Map(
            ("targetRef", Map(("name", "db"), ("port", port))),
            ("protocol", "TCP"),
            ("timeouts", Map(("connect", connect))),
            ("rateLimit", limit ? Map(("requestsPerSecond", rps), ("key", key)) : null),
            ("loadBalancer", hash ? Map(("algorithm", "ConsistentHash"), ("consistentHash", Map(("type", "SourceIP")))) : null)));

    private static Gen<Dictionary<string, object?>> HttpSpec => Gen.Select(
        Gen.Int[1, 65535], Gen.OneOf("HTTP", "HTTP", "HTTP2", "GRPC"), Route.Array[0, 3], Timeouts, Retry, LoadBalancer,
        Gen.Select(RateLimit, HealthCheck, CircuitBreaker, Observability, (r, h, c, o) => (r, h, c, o)),
        (port, protocol, routes, timeouts, retry, lb, rest) => Map(
            ("targetRef", Map(("name", "checkout"), ("port", port))),
            ("protocol", protocol),
            ("routes", routes.Length == 0 ? null : routes.Select((r, i) => WithName(protocol == "GRPC" ? PostOnly(r) : r, "r" + i)).ToArray()),
            ("timeouts", timeouts),
            ("retry", retry),
            ("loadBalancer", lb),
            ("rateLimit", rest.r),
            ("healthCheck", rest.h),
            ("circuitBreaker", rest.c),
            ("observability", rest.o)));

    // gRPC calls are always POST: a match on another method is a validation error.
    private static Dictionary<string, object?> PostOnly(Dictionary<string, object?> route)
    {
        foreach (var match in route.TryGetValue("matches", out var m) && m is Dictionary<string, object?>[] matches ? matches : [])
        {
            match.Remove("method");
        }

        return route;
    }

    private static Dictionary<string, object?> WithName(Dictionary<string, object?> route, string name)
    {
        var named = new Dictionary<string, object?> { ["name"] = name };
        foreach (var (k, v) in route)
        {
            named[k] = v;
        }

        return named;
    }

    private static Gen<Dictionary<string, object?>> Route => Gen.Select(
        Match.Array[0, 2], Backend.Array[1, 3], Gen.Bool, Timeouts, Retry, Filters,
        (matches, backends, zeroAll, timeouts, retry, filters) => Map(
            ("matches", matches.Length == 0 ? null : matches),
            ("backendRefs", zeroAll ? backends : backends.Select((b, i) => i == 0 ? WithWeight(b, 1) : b).ToArray()),
            ("timeouts", timeouts),
            ("retry", retry),
            ("filters", filters.Length == 0 ? null : filters)));

    private static Dictionary<string, object?> WithWeight(Dictionary<string, object?> backend, int min)
    {
        var copy = new Dictionary<string, object?>(backend);
        if (copy["weight"] is int w && w < min)
        {
            copy["weight"] = min;
        }

        return copy;
    }

    private static Gen<Dictionary<string, object?>> Backend => Gen.Select(Dns, Gen.Int[1, 65535], Gen.Int[0, 1000],
        (name, port, weight) => Map(("name", name), ("port", port), ("weight", weight)));

    private static Gen<Dictionary<string, object?>> Match => Gen.Select(
        Gen.Frequency((3, PathMatch), (1, NoMap)),
        Gen.OneOf<string?>(null, null, "GET", "POST", "DELETE"),
        HeaderMatch.Array[0, 2],
        QueryMatch.Array[0, 2],
        (path, method, headers, queries) => Map(
            ("path", path),
            ("method", method),
            ("headers", headers.Length == 0 ? null : Distinct(headers)),
            ("queryParams", queries.Length == 0 ? null : Distinct(queries))));

    // Two conditions on one name are a validation error, not what this test is about.
    private static Dictionary<string, object?>[] Distinct(Dictionary<string, object?>[] conditions) =>
        conditions.DistinctBy(c => ((string)c["name"]!).ToLowerInvariant()).ToArray();

    private static Gen<Dictionary<string, object?>?> PathMatch => Gen.OneOf(
        Path.Select(p => (Dictionary<string, object?>?)Map(("type", "Exact"), ("value", p))),
        Path.Select(p => (Dictionary<string, object?>?)Map(("type", "PathPrefix"), ("value", p))),
        Regex.Select(r => (Dictionary<string, object?>?)Map(("type", "RegularExpression"), ("value", "^/" + r))));

    private static Gen<Dictionary<string, object?>> HeaderMatch => Gen.Select(Token, Gen.Bool, Chars(ValueChars, 1, 16), Regex,
        (name, regex, value, pattern) => Map(("name", name), ("type", regex ? "RegularExpression" : "Exact"), ("value", regex ? pattern : value)));

    private static Gen<Dictionary<string, object?>> QueryMatch => Gen.Select(Chars(QueryNameChars, 1, 10), Gen.Bool, Chars(ValueChars, 1, 16), Regex,
        (name, regex, value, pattern) => Map(("name", name), ("type", regex ? "RegularExpression" : "Exact"), ("value", regex ? pattern : value)));

    private static Gen<Dictionary<string, object?>?> Timeouts => Gen.Frequency(
        (2, NoMap),
        (1, Gen.Select(Gen.Int[1, 30], Gen.Int[1, 60], (c, r) => (Dictionary<string, object?>?)Map(("connect", c + "s"), ("request", r + "s"), ("idle", "5m")))));

    private static Gen<Dictionary<string, object?>?> Retry => Gen.Frequency(
        (2, NoMap),
        (1, Gen.Select(Gen.Int[0, 10], Gen.OneOf("connect-failure", "reset", "timeout", "gateway-error", "5xx", "503", "429").Array[1, 3], Gen.Int[1, 900], Gen.Bool,
            (attempts, on, perTry, replay) => (Dictionary<string, object?>?)Map(
                ("attempts", attempts),
                ("perTryTimeout", perTry + "ms"),
                ("retryOn", attempts == 0 ? null : on.Distinct().ToArray()),
                ("retryNonIdempotent", replay ? true : null)))));

    private static Gen<Dictionary<string, object?>?> LoadBalancer => Gen.Frequency(
        (2, NoMap),
        (1, Gen.OneOf("RoundRobin", "LeastRequest", "Random").Select(a => (Dictionary<string, object?>?)Map(("algorithm", a)))),
        (2, Gen.Select(Gen.OneOf("Header", "Cookie", "SourceIP"), Token, (type, name) => (Dictionary<string, object?>?)Map(
            ("algorithm", "ConsistentHash"),
            ("consistentHash", Map(("type", type), ("name", type == "SourceIP" ? null : name)))))));

    private static Gen<Dictionary<string, object?>?> RateLimit => Gen.Frequency(
        (2, NoMap),
        (2, Gen.Select(Gen.Int[1, 100000], Gen.Int[0, 1000], Gen.OneOf("ClientIP", "Header", "Global"), Token,
            (rps, extra, key, header) => (Dictionary<string, object?>?)Map(
                ("requestsPerSecond", rps),
                ("burst", rps + extra),
                ("key", key),
                ("headerName", key == "Header" ? header : null)))));

    private static Gen<Dictionary<string, object?>?> HealthCheck => Gen.Frequency(
        (3, NoMap),
        (1, Gen.Select(Path, Gen.Int[1, 100], (path, threshold) => (Dictionary<string, object?>?)Map(
            ("path", path), ("interval", "5s"), ("timeout", "1s"), ("healthyThreshold", threshold), ("unhealthyThreshold", threshold)))));

    private static Gen<Dictionary<string, object?>?> CircuitBreaker => Gen.Frequency(
        (3, NoMap),
        (1, Gen.Select(Gen.Int[1, 100000], Gen.Int[0, 100000], (max, pending) => (Dictionary<string, object?>?)Map(
            ("maxConnections", max), ("maxPendingRequests", pending)))));

    private static Gen<Dictionary<string, object?>?> Observability => Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[-1, 100],
        (log, metrics, sampling) => (Dictionary<string, object?>?)Map(
            ("accessLog", Map(("enabled", log))),
            ("metrics", Map(("enabled", metrics))),
            ("tracing", sampling < 0 ? null : Map(("samplingPercent", sampling)))));

    // At most one filter of each kind, and a rewrite or a redirect but not both, as validation requires.
    private static Gen<Dictionary<string, object?>[]> Filters => Gen.Select(
        Gen.Frequency((1, HeaderModifier.Select(m => (Dictionary<string, object?>?)Map(("type", "RequestHeaderModifier"), ("requestHeaderModifier", m)))), (1, NoMap)),
        Gen.Frequency((1, HeaderModifier.Select(m => (Dictionary<string, object?>?)Map(("type", "ResponseHeaderModifier"), ("responseHeaderModifier", m)))), (2, NoMap)),
        Gen.Frequency((1, Rewrite), (1, Redirect), (2, NoMap)),
        Gen.Frequency((1, Fault), (2, NoMap)),
        Gen.Frequency((1, Mirror), (2, NoMap)),
        (request, response, target, fault, mirror) => new[] { request, response, target, fault, mirror }.OfType<Dictionary<string, object?>>().ToArray());

    // An abort, a delay or both; every status and percentage in range, delays up to a minute.
    private static Gen<Dictionary<string, object?>?> Fault => Gen.Select(Gen.Int[0, 2], Gen.Int[200, 599], Gen.Int[0, 100], Gen.Int[1, 60000], Gen.Int[0, 100],
        (kind, status, abortPercent, delayMs, delayPercent) => (Dictionary<string, object?>?)Map(
            ("type", "FaultInjection"),
            ("faultInjection", Map(
                ("abort", kind == 1 ? null : Map(("httpStatus", status), ("percentage", abortPercent))),
                ("delay", kind == 0 ? null : Map(("fixedDelay", delayMs + "ms"), ("percentage", delayPercent)))))));

    private static Gen<Dictionary<string, object?>?> Mirror => Gen.Select(Dns, Gen.Int[1, 65535], Gen.Int[-1, 100],
        (name, port, percent) => (Dictionary<string, object?>?)Map(
            ("type", "RequestMirror"),
            ("requestMirror", Map(
                ("backendRef", Map(("name", name), ("port", port))),
                ("percentage", percent < 0 ? null : percent)))));

    private static Gen<Dictionary<string, object?>?> Rewrite => Gen.Select(Gen.Bool, Dns, Path, (withHost, host, path) => (Dictionary<string, object?>?)Map(
        ("type", "URLRewrite"),
        ("urlRewrite", Map(
            ("hostname", withHost ? host + ".example.com" : null),
            ("path", Map(("type", "ReplaceFullPath"), ("replaceFullPath", path)))))));

    private static Gen<Dictionary<string, object?>?> Redirect => Gen.Select(Gen.OneOf<string?>(null, "http", "https"), Gen.Bool, Gen.Int[1, 65535], Gen.OneOf(301, 302, 303, 307, 308), Path,
        (scheme, withPort, port, code, path) => (Dictionary<string, object?>?)Map(
            ("type", "RequestRedirect"),
            ("requestRedirect", Map(
                ("scheme", scheme),
                ("port", withPort ? port : null),
                ("statusCode", code),
                ("path", Map(("type", "ReplaceFullPath"), ("replaceFullPath", path)))))));

    private static Gen<Dictionary<string, object?>> HeaderModifier => Gen.Select(
        Gen.Select(Token, Chars(ValueChars, 1, 16), (n, v) => Map(("name", n), ("value", v))).Array[0, 3],
        Gen.Select(Token, Chars(ValueChars, 1, 16), (n, v) => Map(("name", n), ("value", v))).Array[0, 2],
        Token.Array[1, 2],
        (set, add, remove) =>
        {
            var changed = set.Concat(add).Select(h => (string)h["name"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return Map(
                ("set", set.Length == 0 ? null : set.DistinctBy(h => ((string)h["name"]!).ToLowerInvariant()).ToArray()),
                ("add", add.Length == 0 ? null : add),
                ("remove", remove.Where(r => !changed.Contains(r)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() is { Length: > 0 } kept ? kept : null));
        });

    /// <summary>
    /// Regexes from the grammar validation accepts: literals, escapes, classes, dot, anchors,
    /// non-capturing, named and atomic groups, lookarounds, alternation, every quantifier form with
    /// counts up to 65535, (?i) and (?x). One the validator turns down (backtracking risk, size)
    /// is replaced by a plain one, so the policy stays valid.
    /// </summary>
    public static Gen<string> Regex => RegexOf(3).Select(r => RegexRules.Problem(r) is null ? r : "^[a-z]+$");

    private static Gen<string> RegexOf(int depth)
    {
        var atom = Gen.OneOf(
            Chars("abz09/_-", 1, 3),
            Gen.OneOf("\\d", "\\w", "\\s", "\\.", "\\/", "\\-", "\\$", "\\x41", "\\xc3\\xa9", "\\t", "\\\\", "\\\"", "'", "\"", "%", "#", "\\{", "}", ","),
            Gen.OneOf("[a-z]", "[^/]", "[0-9A-F]", "[\\w.-]", "[]a]", "[\"'$%]", "[\\\\]", "."),
            Gen.OneOf("^", "$", "\\b", "(?=a)", "(?!b)", "(?<=ab|c)", "(?<!x)"));
        var quantified = Gen.Select(atom, Gen.OneOf("", "", "", "*", "+", "?", "*?", "{2}", "{1,3}", "{0,}", "{65535}", "{1000,2000}"),
            (a, q) => a is "^" or "$" or "\\b" || a.StartsWith("(?", StringComparison.Ordinal) ? a : a + q);
        var sequence = quantified.Array[1, 4].Select(a => string.Concat(a));
        if (depth == 0)
        {
            return sequence;
        }

        var inner = RegexOf(depth - 1);
        var group = Gen.Select(Gen.OneOf("(?:", "(?>", "(?<g" + depth + ">", "(?i:"), inner.Array[1, 2], Gen.OneOf("", "", "?", "{2}", "+"),
            (open, branches, q) => open + string.Join("|", branches) + ")" + q);
        var item = Gen.Frequency((3, sequence), (1, group));
        return Gen.Select(Gen.OneOf("", "", "(?i)", "(?x) "), item.Array[1, 3],
            (flags, items) => flags + (flags.StartsWith("(?x)", StringComparison.Ordinal) ? string.Join(" ", items) : string.Concat(items)));
    }

    private static Gen<Dictionary<string, object?>?> NoMap => Gen.Const((Dictionary<string, object?>?)null);

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>();
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return map;
    }
}
