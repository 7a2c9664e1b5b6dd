using Junction.Api.V1Alpha1;
using Junction.Ir;

namespace Junction.Translation;

/// <summary>Builds the IR of one policy: every default applied, every reference resolved.</summary>
internal static class FragmentBuilder
{
    public static ProxyFragment Build(TrafficPolicy policy, TranslationContext context, BackendResolver backends, List<string> notices)
    {
        var spec = policy.Spec;
        var ns = policy.Metadata.NamespaceProperty ?? "default";
        var name = policy.Metadata.Name ?? "";
        var protocol = ProtocolOf(spec.Protocol);
        var mode = ModeOf(spec.Proxy?.Mode);
        var routes = new RouteBuilder(spec, backends, notices);
        // The target first, so problems come in spec order.
        var defaultRoute = routes.Default();
        var userRoutes = (spec.Routes ?? []).Select(routes.Route).ToList();

        if (protocol == AppProtocol.Tcp)
        {
            (userRoutes, defaultRoute) = TcpRoutes(userRoutes, defaultRoute, routes, notices);
        }

        // A sidecar enforces both; a gateway enforces mTLS towards its backends (GatewayMeshBuilder)
        // and the authorization rules that name no callers (methods, paths).
        if (spec.Mtls is not null && mode == ProxyMode.None)
        {
            notices.Add("spec.mtls is accepted but not enforced: no proxy runs in mode None");
        }

        if (spec.Authorization is not null && mode == ProxyMode.None)
        {
            notices.Add("spec.authorization is accepted but not enforced: no proxy runs in mode None");
        }

        if (mode == ProxyMode.Gateway && spec.Authorization?.Rules?.Any(r => r?.From is { ServiceAccounts.Count: > 0 } or { Namespaces.Count: > 0 }) == true)
        {
            notices.Add("spec.authorization: rules that name callers (from) allow nothing at a gateway, whose clients present no mesh identity; only rules on methods and paths are enforced here. Identity rules belong in a Sidecar-mode policy on the backend Service, whose sidecars check callers (this gateway calls as its own identity)");
        }

        return new ProxyFragment(
            ns,
            name,
            ProxyNames.Prefix(ns, name),
            mode,
            protocol,
            new Listener(context.Options.ListenPort, spec.TargetRef.Port),
            userRoutes.ToEquatableArray(),
            defaultRoute,
            SettingsBuilder.Endpoints(spec, context.Options.EndpointSlots),
            ClientTimeoutsOf(spec, protocol, defaultRoute),
            SettingsBuilder.RateLimit(spec.RateLimit),
            SettingsBuilder.Observability(spec.Observability),
            SettingsBuilder.Security(spec),
            IngressOf(spec, name, mode, protocol, notices),
            Gateway(spec, context.Options),
            EquatableArray<string>.Empty);
    }

    // TCP has nothing to match on: the first route without matches (if any) replaces the target
    // as the default, with its weights; every other route cannot apply.
    private static (List<RouteRule>, RouteRule) TcpRoutes(List<RouteRule> routes, RouteRule fallback, RouteBuilder builder, List<string> notices)
    {
        var catchAll = routes.FirstOrDefault(r => r.Matches.IsEmpty);
        foreach (var r in routes.Where(r => !ReferenceEquals(r, catchAll)))
        {
            notices.Add($"{r.FieldPath}: protocol TCP cannot match requests; route \"{r.Name}\" is ignored");
        }

        return ([], catchAll is null ? fallback : builder.DefaultFrom(catchAll));
    }

    // A TCP policy has one stream per connection, so the catch-all route's idle time (its own or
    // the spec's) is the client side's too.
    private static ClientTimeouts ClientTimeoutsOf(TrafficPolicySpec spec, AppProtocol protocol, RouteRule defaultRoute)
    {
        var client = SettingsBuilder.Client(spec.Timeouts);
        return protocol == AppProtocol.Tcp ? client with { Idle = defaultRoute.Requests.Idle } : client;
    }

    private static AppProtocol ProtocolOf(string? protocol) => protocol switch
    {
        Protocols.Http2 => AppProtocol.Http2,
        Protocols.Grpc => AppProtocol.Grpc,
        Protocols.Tcp => AppProtocol.Tcp,
        _ => AppProtocol.Http,
    };

    private static ProxyMode ModeOf(string? mode) => mode switch
    {
        ProxyModes.Sidecar => ProxyMode.Sidecar,
        ProxyModes.None => ProxyMode.None,
        _ => ProxyMode.Gateway,
    };

    private static IngressExposure? IngressOf(TrafficPolicySpec spec, string policyName, ProxyMode mode, AppProtocol protocol, List<string> notices)
    {
        if (spec.Ingress is not { } ingress)
        {
            return null;
        }

        if (protocol == AppProtocol.Tcp)
        {
            notices.Add("spec.ingress: an Ingress carries HTTP only; no Ingress is created for protocol TCP");
            return null;
        }

        var tls = ingress.Tls;
        var secret = tls is null ? null : tls.SecretName ?? (tls.IssuerRef is null ? null : policyName + "-tls");
        var issuer = tls?.IssuerRef is { } i ? new CertificateIssuer(i.Name, i.Kind == "ClusterIssuer") : null;
        var paths = ingress.Paths is { Count: > 0 } p
            ? p.Select(x => new IngressRoutePath(x.Path, x.PathType ?? "Prefix")).ToEquatableArray()
            : new([new IngressRoutePath("/", "Prefix")]);
        var (service, port) = mode == ProxyMode.Gateway
            ? (ChildNames.Proxy(policyName), spec.TargetRef.Port)
            : (spec.TargetRef.Name, spec.TargetRef.Port);
        return new IngressExposure(ingress.ClassName, ingress.Hosts.ToEquatableArray(), paths, secret, issuer, service, port);
    }

    private static GatewayDeployment Gateway(TrafficPolicySpec spec, TranslatorOptions options) => new(
        string.IsNullOrEmpty(spec.Proxy?.Image) ? options.ProxyImage : spec.Proxy.Image,
        spec.Proxy?.Replicas ?? options.DefaultReplicas,
        Resources(spec.Proxy?.Resources) ?? options.DefaultResources,
        options.MetricsPort);

    private static ComputeResources? Resources(k8s.Models.V1ResourceRequirements? resources)
    {
        if (resources is null || (resources.Requests is not { Count: > 0 } && resources.Limits is not { Count: > 0 }))
        {
            return null;
        }

        static EquatableArray<ResourceAmount> Amounts(IDictionary<string, k8s.Models.ResourceQuantity>? map) =>
            (map ?? new Dictionary<string, k8s.Models.ResourceQuantity>())
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new ResourceAmount(kv.Key, kv.Value.ToString()))
                .ToEquatableArray();

        return new ComputeResources(Amounts(resources.Requests), Amounts(resources.Limits));
    }

}
