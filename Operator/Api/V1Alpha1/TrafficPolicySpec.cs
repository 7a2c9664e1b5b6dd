using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>The desired traffic behaviour for one target Service.</summary>
public sealed class TrafficPolicySpec
{
    /// <summary>The Service in the policy's namespace that receives traffic by default.</summary>
    [Required]
    [JsonPropertyName("targetRef")]
    public ServiceReference TargetRef { get; set; } = new();

    /// <summary>The application protocol: HTTP (HTTP/1.1 with WebSocket upgrade), HTTP2 (cleartext h2c), GRPC, or TCP. Defaults to HTTP.</summary>
    [AllowedValues(Protocols.Http, Protocols.Http2, Protocols.Grpc, Protocols.Tcp)]
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    /// <summary>North-south exposure through a networking.k8s.io/v1 Ingress. Omit to keep the target internal.</summary>
    [JsonPropertyName("ingress")]
    public IngressSpec? Ingress { get; set; }

    /// <summary>Ordered routing rules; the first matching route wins. Requests that match no route go to targetRef.</summary>
    [MaxLength(64)]
    [JsonPropertyName("routes")]
    public IList<Route>? Routes { get; set; }

    /// <summary>Default timeouts for every route.</summary>
    [JsonPropertyName("timeouts")]
    public Timeouts? Timeouts { get; set; }

    /// <summary>Default retry policy for every route. Non-idempotent methods are never replayed unless retryNonIdempotent is true.</summary>
    [JsonPropertyName("retry")]
    public RetryPolicy? Retry { get; set; }

    /// <summary>How requests are spread over the endpoints of a backend.</summary>
    [JsonPropertyName("loadBalancer")]
    public LoadBalancer? LoadBalancer { get; set; }

    /// <summary>Connection limits and outlier detection per backend endpoint.</summary>
    [JsonPropertyName("circuitBreaker")]
    public CircuitBreaker? CircuitBreaker { get; set; }

    /// <summary>Active HTTP (or TCP connect) health checks of backend endpoints.</summary>
    [JsonPropertyName("healthCheck")]
    public HealthCheck? HealthCheck { get; set; }

    /// <summary>Request rate limit enforced by the proxy.</summary>
    [JsonPropertyName("rateLimit")]
    public RateLimit? RateLimit { get; set; }

    /// <summary>Mutual TLS between proxies.</summary>
    [JsonPropertyName("mtls")]
    public MutualTls? Mtls { get; set; }

    /// <summary>Who may call the target.</summary>
    [JsonPropertyName("authorization")]
    public Authorization? Authorization { get; set; }

    /// <summary>Access logs, metrics and tracing of the proxies.</summary>
    [JsonPropertyName("observability")]
    public Observability? Observability { get; set; }

    /// <summary>
    /// The namespaces whose sidecars may call the target through this policy (Istio's exportTo):
    /// "." for the policy's own namespace, "*" for every namespace, or a namespace name. Sidecars of
    /// other namespaces carry no outbound rules for the target, which keeps their config small.
    /// Default every namespace. Applies to proxy.mode Sidecar.
    /// </summary>
    [MaxLength(32)]
    [JsonPropertyName("exportTo")]
    public IList<string>? ExportTo { get; set; }

    /// <summary>Which proxies enforce the policy and how they run.</summary>
    [JsonPropertyName("proxy")]
    public ProxySpec? Proxy { get; set; }
}
