using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>The spec: each block by its own validator, plus rules across routes and blocks.</summary>
internal sealed class TrafficPolicySpecValidator : JsonValidator<TrafficPolicySpec>
{
    public TrafficPolicySpecValidator()
    {
        Field(s => s.TargetRef).SetValidator(new ServiceReferenceValidator()!);
        Field(s => s.Ingress).SetValidator(new IngressSpecValidator()!);
        Each(s => s.Routes).SetValidator(new RouteValidator());
        Field(s => s.Timeouts).SetValidator(new TimeoutsValidator()!);
        Field(s => s.Retry).SetValidator(new RetryPolicyValidator()!);
        Field(s => s.LoadBalancer).SetValidator(new LoadBalancerValidator()!);
        Field(s => s.CircuitBreaker).SetValidator(new CircuitBreakerValidator()!);
        Field(s => s.HealthCheck).SetValidator(new HealthCheckValidator()!);
        Field(s => s.RateLimit).SetValidator(new RateLimitValidator()!);
        Field(s => s.Mtls).SetValidator(new MutualTlsValidator()!);
        Field(s => s.Authorization).SetValidator(new AuthorizationValidator()!);
        Field(s => s.Observability).SetValidator(new ObservabilityValidator()!);
        Field(s => s.Proxy).SetValidator(new ProxySpecValidator()!);
        Check(CheckRouteNames);
        Check(CheckExportTo);
        Check(CheckReachability);
        Check(SpecAdvice.Check);
    }

    private static void CheckRouteNames(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Routes?.Count ?? 0); i++)
        {
            if (spec.Routes![i] is { Name.Length: > 0 } route && !seen.TryAdd(route.Name, i))
            {
                report.Error($"routes[{i}].name", $"duplicate route name \"{route.Name}\" (also routes[{seen[route.Name]}].name)");
            }
        }
    }

    private static void CheckExportTo(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.ExportTo?.Count ?? 0); i++)
        {
            var entry = spec.ExportTo![i];
            if (entry is not ("." or "*") && !Syntax.IsDns1123Label(entry))
            {
                report.Error($"exportTo[{i}]", $"\"{entry}\" must be \".\" (this namespace), \"*\" (every namespace) or a namespace name");
            }
            else if (!seen.Add(entry))
            {
                report.Error($"exportTo[{i}]", $"\"{entry}\" is listed twice");
            }
        }

        if (spec.ExportTo is { Count: > 0 } && (spec.Proxy?.Mode ?? ProxyModes.Gateway) != ProxyModes.Sidecar)
        {
            report.Warning("exportTo", "only sidecars import policies; with proxy.mode " + (spec.Proxy?.Mode ?? ProxyModes.Gateway) + " it changes nothing");
        }
    }

    /// <summary>First match wins, so a route after one that matches everything never sees a request.</summary>
    private static void CheckReachability(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        var routes = spec.Routes ?? [];
        for (var i = 0; i < routes.Count - 1; i++)
        {
            if (routes[i] is { } route && MatchesEverything(route))
            {
                report.Warning($"routes[{i + 1}]", $"is never used: routes[{i}] matches every request and the first matching route wins");
                return;
            }
        }
    }

    private static bool MatchesEverything(Route route) =>
        route.Matches is null or { Count: 0 }
        || route.Matches.Any(m => m is not null && m.Method is null && m.Headers is null or { Count: 0 } && m.QueryParams is null or { Count: 0 }
            && (m.Path is null || (m.Path.Type ?? MatchTypes.PathPrefix) == MatchTypes.PathPrefix && m.Path.Value == "/"));
}
