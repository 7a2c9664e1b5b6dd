using Junction.Api.V1Alpha1;
using Junction.Manifests;
using Xunit;

namespace Junction.Tests.Validation;

/// <summary>Policies for tests, written as users write them: YAML.</summary>
internal static class TestPolicies
{
    /// <summary>The smallest valid policy; spec lines can be appended (indented two spaces).</summary>
    public const string Minimal = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata:
          name: shop
          namespace: shop
        spec:
          targetRef: {name: checkout, port: 8080}

        """;

    /// <summary>The example of the design brief, every block set.</summary>
    public const string DesignExample = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: checkout, namespace: shop}
        spec:
          targetRef: {name: checkout, port: 8080}
          protocol: HTTP
          ingress:
            className: nginx
            hosts: [shop.example.com]
            paths: [{path: /, pathType: Prefix}]
            tls: {secretName: shop-tls}
          routes:
            - name: canary
              matches:
                - path: {type: PathPrefix, value: /api}
                  method: GET
                  headers: [{name: x-canary, type: Exact, value: "true"}]
              backendRefs:
                - {name: checkout-v2, port: 8080, weight: 10}
                - {name: checkout, port: 8080, weight: 90}
              timeouts: {request: 5s, backendRequest: 2s}
              retry: {attempts: 3, perTryTimeout: 1s, retryOn: [connect-failure, reset, "503"]}
              filters: []
          timeouts: {connect: 2s, request: 15s, idle: 5m}
          retry: {attempts: 2, retryOn: [connect-failure]}
          loadBalancer: {algorithm: RoundRobin}
          circuitBreaker:
            maxConnections: 1024
            maxPendingRequests: 128
            outlierDetection: {consecutiveErrors: 5, interval: 10s, baseEjectionTime: 30s}
          healthCheck: {path: /healthz, interval: 5s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 3}
          rateLimit: {requestsPerSecond: 100, burst: 200, key: ClientIP}
          mtls: {mode: Strict}
          authorization:
            defaultAction: Deny
            rules: [{from: {serviceAccounts: [shop/frontend]}, to: {methods: [GET], paths: [/api/*]}}]
          observability:
            accessLog: {enabled: true}
            metrics: {enabled: true}
            tracing: {samplingPercent: 10}
          proxy:
            mode: Gateway
            replicas: 2
            resources: {}

        """;

    /// <summary>Reads one policy, failing the test when the YAML itself is rejected.</summary>
    public static TrafficPolicy Load(string yaml)
    {
        var documents = ManifestReader.ReadText(new StringReader(yaml), "test.yaml");
        var document = Assert.Single(documents);
        Assert.True(document.Error is null, document.Error);
        return Assert.IsType<TrafficPolicy>(document.Object);
    }

    /// <summary>The minimal policy with extra spec lines.</summary>
    public static TrafficPolicy WithSpec(string specLines) => Load(Minimal + specLines);
}
