using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.rateLimit: burst and the key's header.</summary>
internal sealed class RateLimitValidator : JsonValidator<RateLimit>
{
    public RateLimitValidator()
    {
        Check((limit, report) =>
        {
            if (limit.Burst is { } burst && burst < limit.RequestsPerSecond)
            {
                report.Error("burst", $"must be at least requestsPerSecond ({limit.RequestsPerSecond}), got {burst}");
            }

            if (limit.Key == "Header")
            {
                CheckHeader(limit, report);
            }
            else if (limit.HeaderName is not null)
            {
                report.Error("headerName", $"is only used with key Header, not {limit.Key ?? "ClientIP (the default)"}");
            }
        });
    }

    private static void CheckHeader(RateLimit limit, Reporter<RateLimit> report)
    {
        if (report.IsTcp)
        {
            report.Error("key", "protocol TCP has no headers to count by; use ClientIP or Global");
        }

        if (string.IsNullOrEmpty(limit.HeaderName))
        {
            report.Error("headerName", "is required when key is Header");
        }
        else if (!Syntax.IsHttpToken(limit.HeaderName))
        {
            report.Error("headerName", $"\"{limit.HeaderName}\" {Syntax.TokenMessage}");
        }
    }
}
