using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.healthCheck: an HTTP path (not for TCP) and check timings.</summary>
internal sealed class HealthCheckValidator : JsonValidator<HealthCheck>
{
    public HealthCheckValidator()
    {
        Check((check, report) =>
        {
            if (check.Path is not null)
            {
                if (report.IsTcp)
                {
                    report.Error("path", "protocol TCP checks by connecting; an HTTP path cannot be probed");
                }
                else if (Syntax.PathProblem(check.Path) is { } problem)
                {
                    report.Error("path", problem);
                }
                else if (report.Protocol == Protocols.Grpc)
                {
                    report.Warning("path", "gRPC servers usually answer a plain HTTP GET with an error; omit path for a TCP connect check");
                }
            }

            var interval = DurationRules.Check(check.Interval, DurationRules.OneHour, "interval", report);
            var timeout = DurationRules.Check(check.Timeout, DurationRules.OneMinute, "timeout", report);
            if (timeout > (interval ?? TimeSpan.FromSeconds(5)))
            {
                report.Warning("timeout", "is longer than the check interval, so checks overlap");
            }
        });
    }
}
