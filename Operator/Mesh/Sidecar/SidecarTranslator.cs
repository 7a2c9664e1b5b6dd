using System.Globalization;
using Junction.Api.V1Alpha1;
using Junction.Ir;
using Junction.Mesh.Identity;
using Junction.Translation;
using k8s.Models;

namespace Junction.Mesh.Sidecar;

/// <summary>
/// The pure translation of one workload's sidecar: the Sidecar-mode policies that concern it,
/// each translated as the gateway's are (<see cref="PolicyTranslator"/>), become its inbound
/// side (policies whose target Service selects the pod) and its outbound side (policies exported
/// to its namespace). No client, clock or I/O; the same input gives the same IR.
/// </summary>
internal static class SidecarTranslator
{
    /// <summary>Translates the sidecar of <paramref name="request"/>.</summary>
    /// <param name="request">The workload.</param>
    /// <param name="inputs">Every policy (valid ones), Service and serving workload.</param>
    /// <param name="options">Operator-wide settings (cluster domain, DNS).</param>
    /// <param name="trustDomain">The SPIFFE trust domain.</param>
    public static SidecarTranslation Translate(SidecarRequest request, SidecarInputs inputs, TranslatorOptions options, string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var notices = new List<string>();
        var problems = new List<(string, ReferenceProblem)>();
        var sidecarPolicies = inputs.Policies
            .Where(p => p.Spec.Proxy?.Mode == ProxyModes.Sidecar)
            .OrderBy(p => p.Metadata.NamespaceProperty ?? "default", StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();

        var outbound = new List<OutboundService>();
        var opaque = new SortedSet<int>();
        var inbound = new List<(TrafficPolicy Policy, V1Service Service)>();
        foreach (var policy in sidecarPolicies)
        {
            var ns = policy.Metadata.NamespaceProperty ?? "default";
            var id = ns + "/" + policy.Metadata.Name;
            var target = Service(inputs, ns, policy.Spec.TargetRef.Name);
            if (ns == request.Namespace && target is not null && Selects(target, request.PodLabels))
            {
                inbound.Add((policy, target));
            }

            if (!Exported(policy, request.Namespace))
            {
                continue;
            }

            var result = PolicyTranslator.Translate(policy, Context(inputs, ns, options));
            problems.AddRange(result.Problems.Select(p => (id, p)));
            notices.AddRange(result.Fragment.Notices.Select(n => id + ": " + n));
            outbound.Add(Outbound(policy, Balanced(result.Fragment), target, request.Namespace, inputs, options, trustDomain, notices));
            foreach (var port in policy.Spec.Proxy?.OpaquePorts ?? [])
            {
                opaque.Add(port);
            }
        }

        var identity = new WorkloadIdentity(trustDomain, request.Namespace, request.ServiceAccount);
        var config = new SidecarConfig(
            new SidecarWorkload(request.Namespace, request.ServiceAccount, identity.SpiffeId),
            Inbound(inbound, trustDomain, notices),
            outbound.ToEquatableArray(),
            opaque.ToEquatableArray(),
            notices.Distinct().ToEquatableArray());
        return new SidecarTranslation(config, problems);
    }

    /// <summary>True when the policy's exportTo lets sidecars of <paramref name="clientNamespace"/> call its target.</summary>
    public static bool Exported(TrafficPolicy policy, string clientNamespace)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var exportTo = policy.Spec.ExportTo;
        if (exportTo is not { Count: > 0 })
        {
            return true;
        }

        var own = policy.Metadata.NamespaceProperty ?? "default";
        return exportTo.Any(e => e == "*" || e == clientNamespace || (e == "." && own == clientNamespace));
    }

    // Sidecars get endpoint weights changed at runtime; roundrobin keeps its old schedule for a
    // long while after such a change (MESH.md §3), random follows the new weights at once.
    private static ProxyFragment Balanced(ProxyFragment fragment) =>
        fragment.Endpoints.Algorithm == LoadBalancing.RoundRobin
            ? fragment with { Endpoints = fragment.Endpoints with { Algorithm = LoadBalancing.Random } }
            : fragment;

    private static OutboundService Outbound(TrafficPolicy policy, ProxyFragment fragment, V1Service? target, string clientNamespace, SidecarInputs inputs, TranslatorOptions options, string trustDomain, List<string> notices)
    {
        var ns = fragment.Namespace;
        var name = policy.Spec.TargetRef.Name;
        var hosts = new List<string>();
        if (ns == clientNamespace)
        {
            hosts.Add(name);
        }

        hosts.Add(name + "." + ns);
        hosts.Add(name + "." + ns + ".svc");
        hosts.Add(name + "." + ns + ".svc." + options.ClusterDomain);
        var clusterIp = target?.Spec?.ClusterIP is { Length: > 0 } ip && ip != "None" ? ip : null;
        if (clusterIp is null)
        {
            notices.Add($"{ns}/{fragment.PolicyName}: Service \"{name}\" has no ClusterIP in the input, so calls are recognised by their Host header only");
        }

        // Mirror targets are reached over the mesh like backends, so their identity is checked too.
        var upstreams = fragment.AllRoutes
            .SelectMany(r => r.Backends)
            .Select(b => b.Target.ServiceName)
            .Concat(fragment.AllRoutes.SelectMany(r => r.Filters).OfType<MirrorRule>().Select(m => m.Target.ServiceName))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(s => Upstream(ns, s, fragment.PolicyName, inputs, trustDomain, notices))
            .ToEquatableArray();
        return new OutboundService(fragment, hosts.ToEquatableArray(), policy.Spec.TargetRef.Port, clusterIp, upstreams);
    }

    // The server identity is checked when exactly one service account is known to serve the
    // Service; with none or several, any certificate of the mesh CA is accepted.
    private static UpstreamIdentity Upstream(string ns, string serviceName, string policyName, SidecarInputs inputs, string trustDomain, List<string> notices)
    {
        var accounts = ServingAccounts.Of(Service(inputs, ns, serviceName), ns, inputs.Workloads);
        var upstream = ServingAccounts.Upstream(serviceName, ns, accounts, trustDomain);
        if (upstream.CommonName is not null)
        {
            return upstream;
        }

        notices.Add(accounts.Count == 0
            ? $"{ns}/{policyName}: no Deployment, StatefulSet or Pod in the input serves Service \"{serviceName}\", so its endpoints are verified against the mesh CA only, not by service account"
            : $"{ns}/{policyName}: Service \"{serviceName}\" is served by service accounts {string.Join(", ", accounts)}, so its endpoints are verified against the mesh CA only, not by service account");
        return upstream;
    }

    private static SidecarInbound Inbound(List<(TrafficPolicy Policy, V1Service Service)> selecting, string trustDomain, List<string> notices)
    {
        var modes = selecting.Select(s => ModeOf(s.Policy.Spec.Mtls?.Mode)).Distinct().ToList();
        // The strictest wins: Strict over Permissive over Disabled.
        var mode = modes.Contains(MtlsMode.Strict) ? MtlsMode.Strict
            : modes.Contains(MtlsMode.Permissive) || modes.Count == 0 ? MtlsMode.Permissive
            : MtlsMode.Disabled;
        if (modes.Count > 1)
        {
            notices.Add($"the policies selecting this workload ask for different mTLS modes ({string.Join(", ", selecting.Select(s => Id(s.Policy) + ": " + ModeOf(s.Policy.Spec.Mtls?.Mode)))}); the sidecar applies the strictest, {mode}, to every port");
        }

        var guarded = new SortedSet<int>();
        var rules = new List<AccessEntry>();
        foreach (var (policy, service) in selecting)
        {
            if (policy.Spec.Authorization is not { } authz || (authz.DefaultAction ?? "Deny") == "Allow")
            {
                continue;
            }

            var port = ApplicationPort(policy, service, notices);
            guarded.Add(port);
            for (var i = 0; i < (authz.Rules?.Count ?? 0); i++)
            {
                rules.AddRange(Expand(authz.Rules![i], port, trustDomain, $"{Id(policy)}: spec.authorization.rules[{i.ToString(CultureInfo.InvariantCulture)}]"));
            }
        }

        return new SidecarInbound(
            mode,
            selecting.Select(s => Id(s.Policy)).ToEquatableArray(),
            guarded.ToEquatableArray(),
            rules.Distinct().ToEquatableArray());
    }

    private static IEnumerable<AccessEntry> Expand(AuthorizationRule rule, int port, string trustDomain, string fieldPath)
    {
        var callers = (rule.From?.ServiceAccounts ?? [])
            .Select(sa => sa.Split('/', 2))
            .Select(parts => new WorkloadIdentity(trustDomain, parts[0], parts[1]))
            .Select(id => (Caller: id.SpiffeId, Cn: (string?)id.CommonName))
            .Concat((rule.From?.Namespaces ?? []).Select(ns => (Caller: "ns/" + ns, Cn: (string?)null)))
            .ToList();
        if (callers.Count == 0)
        {
            callers.Add((AccessEntry.AnyCaller, null));
        }

        var methods = (rule.To?.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList();
        if (methods.Count == 0)
        {
            methods.Add(AccessEntry.AnyMethod);
        }

        var paths = (rule.To?.Paths ?? []).Select(Path).ToList();
        if (paths.Count == 0)
        {
            paths.Add(("", true));
        }

        foreach (var (caller, cn) in callers)
        {
            foreach (var method in methods)
            {
                foreach (var (path, prefix) in paths)
                {
                    yield return new AccessEntry(port, caller, cn, method, path, prefix, fieldPath);
                }
            }
        }
    }

    // "/api/*" is every path starting with "/api/", "*" every path, anything else one exact path.
    private static (string Path, bool Prefix) Path(string path) =>
        path.EndsWith('*') ? (path[..^1], true) : (path, false);

    // Authorization guards the port the pod listens on: the target port's targetPort.
    private static int ApplicationPort(TrafficPolicy policy, V1Service service, List<string> notices)
    {
        var port = policy.Spec.TargetRef.Port;
        var target = service.Spec?.Ports?.FirstOrDefault(p => p.Port == port)?.TargetPort;
        if (target is null || string.IsNullOrEmpty(target.Value))
        {
            return port;
        }

        if (int.TryParse(target.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        notices.Add($"{Id(policy)}: spec.authorization: Service \"{service.Metadata?.Name}\" port {port.ToString(CultureInfo.InvariantCulture)} has named targetPort \"{target.Value}\"; the sidecar guards port {port.ToString(CultureInfo.InvariantCulture)}, so use a numeric targetPort for authorization");
        return port;
    }

    private static MtlsMode ModeOf(string? mode) => mode switch
    {
        "Strict" => MtlsMode.Strict,
        "Disabled" => MtlsMode.Disabled,
        _ => MtlsMode.Permissive,
    };

    private static string Id(TrafficPolicy policy) => (policy.Metadata.NamespaceProperty ?? "default") + "/" + policy.Metadata.Name;

    private static bool Selects(V1Service service, IReadOnlyDictionary<string, string> labels) => ServingAccounts.Selects(service, labels);

    private static V1Service? Service(SidecarInputs inputs, string ns, string name)
    {
        var found = inputs.Services.FirstOrDefault(s => (s.Metadata?.NamespaceProperty ?? "default") == ns && s.Metadata?.Name == name);
        if (found is not null || !inputs.AssumeMissingServices)
        {
            return found;
        }

        return new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name } },
        };
    }

    private static TranslationContext Context(SidecarInputs inputs, string ns, TranslatorOptions options)
    {
        var services = new Dictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var s in inputs.Services.Where(s => (s.Metadata?.NamespaceProperty ?? "default") == ns && s.Metadata?.Name is not null))
        {
            services[s.Metadata.Name] = s;
        }

        return new TranslationContext(services, new Dictionary<string, V1Secret>(), options, inputs.AssumeMissingServices);
    }
}
