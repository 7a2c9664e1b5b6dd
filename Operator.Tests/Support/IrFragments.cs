using Junction.Ir;

namespace Junction.Tests.Support;

/// <summary>
/// IR built directly, for renderer tests that must not depend on the translator. The values are
/// the API's documented defaults (the ones the translator fills in), so a fragment from here
/// looks like the translation of a policy that sets nothing but its target.
/// </summary>
internal static class IrFragments
{
    /// <summary>Connect 5s, attempt 15s, queue 5s, two retries on connect failure, request 15s, idle 5m.</summary>
    public static RequestPolicy DefaultRequests { get; } = new(
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(15),
        TimeSpan.FromSeconds(5),
        new RetryRule(2, new([RetryCondition.ConnectFailure]), EquatableArray<int>.Empty, false),
        TimeSpan.FromSeconds(15),
        TimeSpan.FromMinutes(5));

    /// <summary>A gateway policy <paramref name="ns"/>/<paramref name="name"/> on port 8080 whose only route is the default one, to <paramref name="target"/>.</summary>
    public static ProxyFragment Gateway(string ns, string name, string target = "app", int port = 80) => new(
        ns,
        name,
        ProxyNames.Prefix(ns, name),
        ProxyMode.Gateway,
        AppProtocol.Http,
        new Listener(8080, port),
        EquatableArray<RouteRule>.Empty,
        DefaultRoute(Backend(ns, name, target, port, 1, "spec.targetRef")),
        new EndpointPolicy(LoadBalancing.RoundRobin, null, null, null, null, null, 32),
        new ClientTimeouts(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(5)),
        null,
        new ObservabilitySettings(false, true, null),
        new SecuritySettings(null, null, EquatableArray<string>.Empty, null),
        null,
        new GatewayDeployment("haproxy:3.2", 2, new ComputeResources(EquatableArray<ResourceAmount>.Empty, EquatableArray<ResourceAmount>.Empty), 8404),
        EquatableArray<string>.Empty);

    /// <summary>The catch-all route.</summary>
    public static RouteRule DefaultRoute(params WeightedBackend[] backends) =>
        new("", "spec.targetRef", EquatableArray<RouteMatchRule>.Empty, new([.. backends]), DefaultRequests, EquatableArray<RouteFilterRule>.Empty);

    /// <summary>A user route at spec.routes[<paramref name="index"/>] without matches or filters.</summary>
    public static RouteRule Route(string name, int index, params WeightedBackend[] backends) =>
        new(name, $"spec.routes[{index}]", EquatableArray<RouteMatchRule>.Empty, new([.. backends]), DefaultRequests, EquatableArray<RouteFilterRule>.Empty);

    /// <summary>A resolved Service port found by A records of its headless twin in the policy's namespace.</summary>
    public static WeightedBackend Backend(string ns, string policy, string service, int port, int weight, string fieldPath)
    {
        var headless = $"{service}-{policy}-{ProxyNames.ShortHash(service + "/" + policy)}";
        var discovery = new EndpointDiscovery($"{headless}.{ns}.svc.cluster.local", port);
        return new WeightedBackend(new BackendTarget(service, port, headless, discovery, true), weight, fieldPath);
    }
}
