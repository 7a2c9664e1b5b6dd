using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>One routing rule: its name, matches, backends, timeouts, retries and filters.</summary>
internal sealed class RouteValidator : JsonValidator<Route>
{
    public RouteValidator()
    {
        Each(r => r.Matches).SetValidator(new RouteMatchValidator());
        Each(r => r.BackendRefs).SetValidator(new BackendRefValidator());
        Field(r => r.Timeouts).SetValidator(new TimeoutsValidator()!);
        Field(r => r.Retry).SetValidator(new RetryPolicyValidator()!);
        Each(r => r.Filters).SetValidator(new RouteFilterValidator());
        Check(CheckName);
        Check(CheckBackends);
        Check(CheckFilters);
        Check(RouteAdvice.Check);
    }

    private static void CheckName(Route route, Reporter<Route> report)
    {
        if (!string.IsNullOrEmpty(route.Name) && !Syntax.IsDns1123Label(route.Name))
        {
            report.Error("name", $"\"{route.Name}\" {Syntax.Dns1123LabelMessage}");
        }
    }

    private static void CheckBackends(Route route, Reporter<Route> report)
    {
        var backends = route.BackendRefs?.Where(b => b is not null).ToList() ?? [];
        if (backends.Count > 0 && backends.All(b => b.Weight == 0))
        {
            report.Error("backendRefs", "at least one backendRef must have a non-zero weight, or the route can send traffic nowhere");
        }

        var seen = new Dictionary<(string, int), int>();
        for (var i = 0; i < (route.BackendRefs?.Count ?? 0); i++)
        {
            if (route.BackendRefs![i] is { } b && !seen.TryAdd((b.Name, b.Port), i))
            {
                report.Error($"backendRefs[{i}]", $"duplicate backend {b.Name}:{b.Port} (also backendRefs[{seen[(b.Name, b.Port)]}]); merge their weights");
            }
        }
    }

    private static void CheckFilters(Route route, Reporter<Route> report)
    {
        var filters = route.Filters ?? [];
        if (report.IsTcp && filters.Count > 0)
        {
            report.Error("filters", "protocol TCP cannot apply HTTP filters");
            return;
        }

        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < filters.Count; i++)
        {
            if (filters[i] is not { Type.Length: > 0 } filter)
            {
                continue;
            }

            if (!byType.TryAdd(filter.Type, i) && filter.Type is FilterTypes.UrlRewrite or FilterTypes.RequestRedirect or FilterTypes.FaultInjection or FilterTypes.RequestMirror)
            {
                report.Error($"filters[{i}].type", $"only one {filter.Type} filter is allowed per route (also filters[{byType[filter.Type]}])");
            }

            CheckPrefixRewrite(route, filter, $"filters[{i}]", report);
        }

        if (byType.TryGetValue(FilterTypes.UrlRewrite, out var rewrite) && byType.ContainsKey(FilterTypes.RequestRedirect))
        {
            report.Error($"filters[{rewrite}].type", "URLRewrite and RequestRedirect cannot be combined on one route");
        }
    }

    /// <summary>ReplacePrefixMatch replaces the matched prefix, so every match of the route must be a prefix match.</summary>
    private static void CheckPrefixRewrite(Route route, RouteFilter filter, string path, Reporter<Route> report)
    {
        var (modifier, modifierPath) = filter.Type switch
        {
            FilterTypes.UrlRewrite => (filter.UrlRewrite?.Path, $"{path}.urlRewrite.path.type"),
            FilterTypes.RequestRedirect => (filter.RequestRedirect?.Path, $"{path}.requestRedirect.path.type"),
            _ => (null, ""),
        };
        if (modifier?.Type != "ReplacePrefixMatch")
        {
            return;
        }

        var offending = route.Matches?.Select((m, i) => (m, i))
            .FirstOrDefault(x => x.m?.Path is { } p && (p.Type ?? MatchTypes.PathPrefix) != MatchTypes.PathPrefix);
        if (offending is { m: not null } found)
        {
            report.Error(modifierPath, $"ReplacePrefixMatch needs PathPrefix matches, but matches[{found.i}].path.type is {found.m.Path!.Type}");
        }
    }
}
