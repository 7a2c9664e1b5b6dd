using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>One match of a route: path, method, headers and query parameters, all HTTP-only.</summary>
internal sealed class RouteMatchValidator : JsonValidator<RouteMatch>
{
    public RouteMatchValidator()
    {
        Field(m => m.Path).SetValidator(new PathMatchValidator()!);
        Each(m => m.Headers).SetValidator(new HeaderMatchValidator());
        Each(m => m.QueryParams).SetValidator(new QueryParamMatchValidator());
        Check(CheckProtocol);
        Check(CheckDuplicateHeaders);
    }

    private static void CheckProtocol(RouteMatch match, Reporter<RouteMatch> report)
    {
        if (report.IsTcp)
        {
            const string Why = "protocol TCP has no HTTP requests to match on";
            if (match.Path is not null) { report.Error("path", Why); }
            if (match.Method is not null) { report.Error("method", Why); }
            if (match.Headers is { Count: > 0 }) { report.Error("headers", Why); }
            if (match.QueryParams is { Count: > 0 }) { report.Error("queryParams", Why); }
        }
        else if (report.Protocol == Protocols.Grpc && match.Method is not null and not "POST")
        {
            report.Error("method", $"gRPC calls are always POST; method {match.Method} never matches");
        }
    }

    private static void CheckDuplicateHeaders(RouteMatch match, Reporter<RouteMatch> report)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (match.Headers?.Count ?? 0); i++)
        {
            if (match.Headers![i] is { Name.Length: > 0 } h && !seen.TryAdd(h.Name, i))
            {
                report.Error($"headers[{i}].name", $"duplicate header \"{h.Name}\" (also headers[{seen[h.Name]}]); all conditions of a match must hold, so they contradict or repeat");
            }
        }
    }
}
