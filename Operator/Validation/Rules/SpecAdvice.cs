using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Spec-wide warnings: legal settings a careful operator would question.</summary>
internal static class SpecAdvice
{
    public static void Check(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        TimingAdvice.Check(EffectiveTimeouts.Of(spec.Timeouts), spec.Timeouts, "timeouts", spec.Retry, "retry", report);
        CheckCircuitBreaker(spec, report);
        CheckRateLimit(spec, report);
        CheckProxyMode(spec, report);
    }

    private static void CheckCircuitBreaker(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        if (spec.CircuitBreaker?.OutlierDetection is not null && spec.HealthCheck is null)
        {
            report.Warning("circuitBreaker.outlierDetection", "has no effect without spec.healthCheck: the proxy marks endpoints down and back up through its health checks");
        }

        var anyRetries = spec.Retry is { Attempts: > 0 } || spec.Routes?.Any(r => r?.Retry is { Attempts: > 0 }) == true;
        if (spec.CircuitBreaker?.MaxPendingRequests == 0 && !anyRetries)
        {
            report.Warning("circuitBreaker.maxPendingRequests", "0 with no retries: every request that finds all connections busy fails at once with 503");
        }
    }

    private static void CheckRateLimit(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        if (spec.RateLimit is { } limit && (limit.Key ?? "ClientIP") == "ClientIP" && spec.Ingress is not null)
        {
            report.Warning("rateLimit.key", "behind an Ingress the client IP is the Ingress controller's unless it forwards the real one (PROXY protocol or X-Forwarded-For), so all clients may share one limit");
        }
    }

    private static void CheckProxyMode(TrafficPolicySpec spec, Reporter<TrafficPolicySpec> report)
    {
        if (spec.Proxy?.Mode != ProxyModes.None)
        {
            return;
        }

        if (spec.Ingress is null)
        {
            report.Warning("proxy.mode", "None without spec.ingress: the policy creates nothing");
        }

        var proxyOnly = new (string Field, bool Set)[]
        {
            ("routes", spec.Routes is { Count: > 0 }),
            ("retry", spec.Retry is not null),
            ("circuitBreaker", spec.CircuitBreaker is not null),
            ("rateLimit", spec.RateLimit is not null),
            ("healthCheck", spec.HealthCheck is not null),
            ("loadBalancer", spec.LoadBalancer is not null),
        }.Where(f => f.Set).Select(f => f.Field).ToArray();
        if (proxyOnly.Length > 0)
        {
            report.Warning("proxy.mode", $"None runs no proxy, so {string.Join(", ", proxyOnly)} are not enforced");
        }
    }
}
