using Junction.Validation;
using Xunit;

namespace Junction.Tests.Validation;

/// <summary>Legal but risky settings: the policy stays valid and each warning names its field.</summary>
public sealed class WarningTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "  timeouts: {request: 2s}\n  retry: {attempts: 3, perTryTimeout: 1s}\n", ["spec.retry.perTryTimeout"] },
        { "  routes:\n    - name: slow\n      timeouts: {request: 1s}\n      retry: {attempts: 2, perTryTimeout: 500ms}\n", ["spec.routes[0].retry.perTryTimeout"] },
        { "  retry: {attempts: 1, retryNonIdempotent: true}\n", ["spec.retry.retryNonIdempotent"] },
        { "  routes:\n    - name: orders\n      matches: [{method: POST}]\n      retry: {attempts: 2, retryOn: [connect-failure, timeout]}\n", ["spec.routes[0].retry.retryOn[1]"] },
        { "  circuitBreaker:\n    outlierDetection: {consecutiveErrors: 3}\n", ["spec.circuitBreaker.outlierDetection"] },
        { "  timeouts: {request: 5s, backendRequest: 5s}\n", ["spec.timeouts.backendRequest"] },
        { "  circuitBreaker: {maxPendingRequests: 0}\n", ["spec.circuitBreaker.maxPendingRequests"] },
        { "  ingress: {hosts: [shop.example.com]}\n  rateLimit: {requestsPerSecond: 10}\n", ["spec.rateLimit.key"] },
        { "  timeouts: {request: 10m, idle: 1m}\n", ["spec.timeouts.idle"] },
        { "  observability:\n    tracing: {samplingPercent: 100}\n", ["spec.observability.tracing.samplingPercent"] },
        { "  proxy: {replicas: 1}\n", ["spec.proxy.replicas"] },
        { "  proxy: {replicas: 0}\n", ["spec.proxy.replicas"] },
        { "  proxy: {mode: Sidecar, replicas: 3}\n", ["spec.proxy.replicas"] },
        { "  proxy: {mode: None}\n", ["spec.proxy.mode"] },
        { "  routes:\n    - name: all\n    - name: api\n      matches: [{path: {value: /api}}]\n", ["spec.routes[1]"] },
        { "  authorization: {defaultAction: Deny}\n", ["spec.authorization.rules"] },
        { "  routes:\n    - name: moved\n      backendRefs: [{name: checkout, port: 8080}]\n      filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]\n", ["spec.routes[0].backendRefs"] },
        { "  healthCheck: {interval: 1s, timeout: 2s}\n", ["spec.healthCheck.timeout"] },
        { "  protocol: GRPC\n  healthCheck: {path: /healthz}\n", ["spec.healthCheck.path"] },
        { "  retry: {attempts: 0, retryOn: [reset]}\n", ["spec.retry.retryOn"] },
        { "  protocol: GRPC\n  ingress:\n    hosts: [grpc.example.com]\n    tls: {secretName: grpc-tls}\n    paths: [{path: /shop.Cart}, {path: /api}]\n", ["spec.ingress.paths[1].path"] },
        { "  protocol: GRPC\n  ingress: {hosts: [grpc.example.com]}\n", ["spec.ingress.tls"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RiskySetting_IsValidWithWarningAtPath(string specLines, string[] expectedPaths)
    {
        var report = PolicyValidation.Validate(TestPolicies.WithSpec(specLines));

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        Assert.Equal(expectedPaths, report.Warnings.Select(w => w.Path).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MinimalPolicy_HasNoWarnings()
    {
        var report = PolicyValidation.Validate(TestPolicies.Load(TestPolicies.Minimal));

        Assert.Empty(report.Errors);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void DesignExample_IsValidWithOnlyTheClientIpWarning()
    {
        var report = PolicyValidation.Validate(TestPolicies.Load(TestPolicies.DesignExample));

        Assert.Empty(report.Errors);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal("spec.rateLimit.key", warning.Path);
    }
}
