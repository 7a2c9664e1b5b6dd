using System.Globalization;
using Junction.Api.V1Alpha1;
using Junction.Ir;

namespace Junction.Translation;

/// <summary>Turns spec.routes into IR routes.</summary>
internal sealed class RouteBuilder(TrafficPolicySpec spec, BackendResolver backends, List<string> notices)
{
    public RouteRule Route(Route route, int index)
    {
        var path = $"spec.routes[{index.ToString(CultureInfo.InvariantCulture)}]";
        var matches = (route.Matches ?? []).Select(Match).ToEquatableArray();
        var weighted = route.BackendRefs is { Count: > 0 } refs
            ? Weighted(refs, path)
            : [Target(path + " (spec.targetRef)")];
        // Methods the route can be reached with; empty when one match allows any method.
        var methods = matches.Count > 0 && matches.All(m => m.Method is not null) ? matches.Select(m => m.Method!).ToList() : [];
        var requests = SettingsBuilder.Requests(route.Timeouts, spec.Timeouts, route.Retry ?? spec.Retry, route.Retry is null ? "spec.retry" : path + ".retry", route.Retry is null ? path + " (spec.retry)" : path + ".retry", methods, notices);
        var prefixes = matches.Where(m => m.Path?.Kind == PathMatchKind.Prefix).Select(m => m.Path!.Value).Distinct().ToEquatableArray();
        var filters = (route.Filters ?? []).Select((f, i) => Filter(f, prefixes, $"{path}.filters[{i.ToString(CultureInfo.InvariantCulture)}]")).OfType<RouteFilterRule>().ToEquatableArray();
        return new RouteRule(route.Name, path, matches, weighted.ToEquatableArray(), requests, filters);
    }

    public RouteRule Default() => new(
        "",
        "spec.targetRef",
        EquatableArray<RouteMatchRule>.Empty,
        new([Target("spec.targetRef")]),
        SettingsBuilder.Requests(null, spec.Timeouts, spec.Retry, "spec.retry", "spec.retry", [], notices),
        EquatableArray<RouteFilterRule>.Empty);

    /// <summary>A route whose backends replace the target for every request (TCP has nothing to match on).</summary>
    public RouteRule DefaultFrom(RouteRule route) => route with { Name = "", Matches = EquatableArray<RouteMatchRule>.Empty, Filters = EquatableArray<RouteFilterRule>.Empty };

    // A route without backendRefs sends to the target; a missing target is reported once, at spec.targetRef.
    private WeightedBackend Target(string usedBy) =>
        new(backends.Resolve(spec.TargetRef.Name, spec.TargetRef.Port, "spec.targetRef"), 1, usedBy);

    // The same Service port listed twice is one backend with the summed weight; the proxy would
    // otherwise get two sections of the same name.
    private List<WeightedBackend> Weighted(IList<BackendRef> refs, string routePath)
    {
        var result = new List<WeightedBackend>();
        for (var i = 0; i < refs.Count; i++)
        {
            var r = refs[i];
            var field = $"{routePath}.backendRefs[{i.ToString(CultureInfo.InvariantCulture)}]";
            var target = backends.Resolve(r.Name, r.Port, field);
            var weight = r.Weight ?? 1;
            var existing = result.FindIndex(b => b.Target.ServiceName == r.Name && b.Target.Port == r.Port);
            if (existing >= 0)
            {
                result[existing] = result[existing] with { Weight = result[existing].Weight + weight };
            }
            else
            {
                result.Add(new WeightedBackend(target, weight, field));
            }
        }

        return result;
    }

    private static RouteMatchRule Match(RouteMatch match) => new(
        match.Path is null ? null : PathOf(match.Path),
        string.IsNullOrEmpty(match.Method) ? null : match.Method,
        (match.Headers ?? []).Select(h => new ValueCondition(h.Name, h.Type == MatchTypes.RegularExpression, h.Value)).ToEquatableArray(),
        (match.QueryParams ?? []).Select(q => new ValueCondition(q.Name, q.Type == MatchTypes.RegularExpression, q.Value)).ToEquatableArray());

    private static PathCondition PathOf(PathMatch path) => path.Type switch
    {
        MatchTypes.Exact => new PathCondition(PathMatchKind.Exact, path.Value),
        MatchTypes.RegularExpression => new PathCondition(PathMatchKind.RegularExpression, path.Value),
        _ => new PathCondition(PathMatchKind.Prefix, TrimPrefix(path.Value)),
    };

    // "/api/" and "/api" mean the same segment-aware prefix.
    private static string TrimPrefix(string value) => value.Length > 1 ? value.TrimEnd('/') is { Length: > 0 } t ? t : "/" : value;

    private RouteFilterRule? Filter(RouteFilter filter, EquatableArray<string> prefixes, string path) => filter.Type switch
    {
        FilterTypes.RequestHeaderModifier when filter.RequestHeaderModifier is { } m => Headers(HeaderDirection.Request, m),
        FilterTypes.ResponseHeaderModifier when filter.ResponseHeaderModifier is { } m => Headers(HeaderDirection.Response, m),
        FilterTypes.UrlRewrite when filter.UrlRewrite is { } r => new UrlRewriteRule(
            string.IsNullOrEmpty(r.Hostname) ? null : r.Hostname,
            Replacement(r.Path, prefixes)),
        FilterTypes.RequestRedirect when filter.RequestRedirect is { } r => new RedirectRule(
            r.Scheme,
            string.IsNullOrEmpty(r.Hostname) ? null : r.Hostname,
            r.Port,
            Replacement(r.Path, prefixes),
            r.StatusCode ?? Defaults.RedirectStatus),
        FilterTypes.FaultInjection when filter.FaultInjection is { } f => Fault(f),
        FilterTypes.RequestMirror when filter.RequestMirror is { } m => new MirrorRule(
            backends.Resolve(m.BackendRef.Name, m.BackendRef.Port, path + ".requestMirror.backendRef"),
            m.Percentage ?? 100,
            path + ".requestMirror"),
        _ => null,
    };

    // A percentage without its abort or delay means nothing; validation requires the status and the delay.
    private static FaultInjectionRule Fault(FaultInjection fault)
    {
        var delay = fault.Delay is { } d && Duration.TryParse(d.FixedDelay, out var value) ? value : (TimeSpan?)null;
        return new FaultInjectionRule(
            fault.Abort?.HttpStatus,
            fault.Abort is null ? 0 : fault.Abort.Percentage ?? 100,
            delay,
            delay is null ? 0 : fault.Delay!.Percentage ?? 100);
    }

    private static HeaderChange Headers(HeaderDirection direction, HeaderModifier m) => new(
        direction,
        (m.Remove ?? []).ToEquatableArray(),
        (m.Set ?? []).Select(h => new HeaderValue(h.Name, h.Value)).ToEquatableArray(),
        (m.Add ?? []).Select(h => new HeaderValue(h.Name, h.Value)).ToEquatableArray());

    private static PathReplacement? Replacement(PathModifier? path, EquatableArray<string> prefixes) => path?.Type switch
    {
        "ReplaceFullPath" => new PathReplacement(path.ReplaceFullPath ?? "/", null, EquatableArray<string>.Empty),
        "ReplacePrefixMatch" => new PathReplacement(null, path.ReplacePrefixMatch ?? "/", prefixes),
        _ => null,
    };
}
