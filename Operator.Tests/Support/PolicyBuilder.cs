using System.Collections.Immutable;
using Junction.Api.V1Alpha1;
using k8s;

namespace Junction.Tests.Support;

/// <summary>
/// Builds TrafficPolicy objects for tests, instead of editing YAML text. A builder is immutable:
/// every step returns a new builder, so a base policy can be shared and varied per test, and every
/// <see cref="Build"/> returns a fresh object that the test may change.
/// <code>
/// var policy = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080)
///     .Route("canary", r => r.Backend("checkout", 8080, 90).Backend("checkout-v2", 8080, 10))
///     .Build();
/// </code>
/// </summary>
internal sealed record PolicyBuilder
{
    private ImmutableList<Action<TrafficPolicy>> Steps { get; init; } = [];

    /// <summary>A policy with a name and namespace and nothing else.</summary>
    public static PolicyBuilder Policy(string ns, string name) =>
        new PolicyBuilder().Then(p => p.Metadata = new() { Name = name, NamespaceProperty = ns });

    /// <summary>spec.targetRef.</summary>
    public PolicyBuilder Target(string service, int port) => Then(p => p.Spec.TargetRef = new ServiceReference { Name = service, Port = port });

    /// <summary>A metadata label.</summary>
    public PolicyBuilder Label(string key, string value) => Then(p => (p.Metadata.Labels ??= new Dictionary<string, string>())[key] = value);

    /// <summary>A metadata annotation.</summary>
    public PolicyBuilder Annotation(string key, string value) => Then(p => (p.Metadata.Annotations ??= new Dictionary<string, string>())[key] = value);

    /// <summary>spec.protocol.</summary>
    public PolicyBuilder Protocol(string protocol) => Then(p => p.Spec.Protocol = protocol);

    /// <summary>spec.proxy.mode.</summary>
    public PolicyBuilder Mode(string mode) => Then(p => (p.Spec.Proxy ??= new ProxySpec()).Mode = mode);

    /// <summary>spec.ingress with these hosts.</summary>
    public PolicyBuilder Ingress(params string[] hosts) => Then(p => p.Spec.Ingress = new IngressSpec { Hosts = [.. hosts] });

    /// <summary>spec.ingress.tls.secretName (after <see cref="Ingress"/>).</summary>
    public PolicyBuilder IngressTls(string secretName) => Then(p => p.Spec.Ingress!.Tls = new IngressTls { SecretName = secretName });

    /// <summary>The policy-wide spec.retry.</summary>
    public PolicyBuilder Retry(int attempts, params string[] retryOn) => Then(p => p.Spec.Retry = PolicyRouteBuilder.RetryOf(attempts, retryOn));

    /// <summary>spec.rateLimit.</summary>
    public PolicyBuilder RateLimit(int requestsPerSecond, string key, int? burst = null) =>
        Then(p => p.Spec.RateLimit = new RateLimit { RequestsPerSecond = requestsPerSecond, Key = key, Burst = burst });

    /// <summary>spec.observability.tracing.</summary>
    public PolicyBuilder Tracing(int samplingPercent) =>
        Then(p => (p.Spec.Observability ??= new Observability()).Tracing = new Tracing { SamplingPercent = samplingPercent });

    /// <summary>Appends a route to spec.routes; without <paramref name="build"/> it has a name only.</summary>
    public PolicyBuilder Route(string name, Func<PolicyRouteBuilder, PolicyRouteBuilder>? build = null)
    {
        var route = (build ?? (r => r))(new PolicyRouteBuilder(name));
        return Then(p => (p.Spec.Routes ??= []).Add(route.Build()));
    }

    /// <summary>Any other change of the spec.</summary>
    public PolicyBuilder Spec(Action<TrafficPolicySpec> change) => Then(p => change(p.Spec));

    /// <summary>A new policy with every step applied in order.</summary>
    public TrafficPolicy Build()
    {
        var policy = new TrafficPolicy();
        foreach (var step in Steps)
        {
            step(policy);
        }

        return policy;
    }

    /// <summary>The policy as YAML, for tests that read YAML (the CLI, manifests).</summary>
    public string Yaml() => KubernetesYaml.Serialize(Build());

    private PolicyBuilder Then(Action<TrafficPolicy> step) => this with { Steps = Steps.Add(step) };
}
