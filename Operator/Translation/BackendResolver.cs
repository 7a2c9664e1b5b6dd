using System.Globalization;
using Junction.Ir;
using k8s.Models;

namespace Junction.Translation;

/// <summary>
/// Resolves Service references against the snapshot and collects what does not resolve. Also
/// remembers every Service it resolved, because each one gets a headless twin.
/// </summary>
internal sealed class BackendResolver(string policyNamespace, string policyName, TranslationContext context)
{
    private readonly List<ReferenceProblem> _problems = [];
    private readonly SortedDictionary<string, V1Service> _resolved = new(StringComparer.Ordinal);
    private readonly List<string> _notices = [];
    private readonly Dictionary<string, V1Service> _assumed = new(StringComparer.Ordinal);

    /// <summary>Problems found so far, in the order the references were resolved.</summary>
    public IReadOnlyList<ReferenceProblem> Problems => _problems;

    /// <summary>Services that resolved, by name, in name order.</summary>
    public IReadOnlyDictionary<string, V1Service> ResolvedServices => _resolved;

    /// <summary>Limitations met while resolving.</summary>
    public IReadOnlyList<string> Notices => _notices;

    public BackendTarget Resolve(string serviceName, int port, string fieldPath)
    {
        var headless = ChildNames.HeadlessService(serviceName, policyName);
        var service = Lookup(serviceName, port, fieldPath);
        var servicePort = service?.Spec?.Ports?.FirstOrDefault(p => p.Port == port);
        if (service is not null && servicePort is null)
        {
            AddProblem(new ReferenceProblem(
                ReferenceReason.PortNotFound,
                fieldPath,
                $"{fieldPath}: Service \"{serviceName}\" in namespace \"{policyNamespace}\" has no port {port.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (service is null || servicePort is null)
        {
            return new BackendTarget(serviceName, port, headless, Discovery(serviceName, headless, null, port, fieldPath), Resolved: false);
        }

        if (_resolved.TryAdd(serviceName, service) && service.Spec?.Selector is not { Count: > 0 })
        {
            AddNotice($"{fieldPath}: Service \"{serviceName}\" has no selector, so its headless twin lists no endpoints; Services with hand-made EndpointSlices are not supported");
        }

        return new BackendTarget(serviceName, port, headless, Discovery(serviceName, headless, servicePort, port, fieldPath), Resolved: true);
    }

    private V1Service? Lookup(string serviceName, int port, string fieldPath)
    {
        if (context.Services.TryGetValue(serviceName, out var service))
        {
            return service;
        }

        if (context.AssumeMissingServices)
        {
            return Assume(serviceName, port);
        }

        AddProblem(new ReferenceProblem(
            ReferenceReason.BackendNotFound,
            fieldPath,
            $"{fieldPath}: Service \"{serviceName}\" not found in namespace \"{policyNamespace}\""));
        return null;
    }

    // Named ports are looked up through SRV records of the headless twin: they carry each
    // endpoint's real port, which is the only correct answer for a named targetPort.
    private EndpointDiscovery Discovery(string serviceName, string headless, V1ServicePort? servicePort, int port, string fieldPath)
    {
        var host = $"{headless}.{policyNamespace}.svc.{context.Options.ClusterDomain}";
        if (!string.IsNullOrEmpty(servicePort?.Name))
        {
            return new EndpointDiscovery($"_{servicePort.Name}._tcp.{host}", null);
        }

        var target = servicePort?.TargetPort;
        if (target is null || string.IsNullOrEmpty(target.Value))
        {
            return new EndpointDiscovery(host, port);
        }

        if (int.TryParse(target.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new EndpointDiscovery(host, number);
        }

        // An unnamed port (only possible when it is the Service's only port) with a named
        // targetPort has no SRV record; the port number is the best guess.
        AddNotice($"{fieldPath}: Service \"{serviceName}\" port {port.ToString(CultureInfo.InvariantCulture)} has named targetPort \"{target.Value}\" but no port name, so endpoints are assumed to listen on {port.ToString(CultureInfo.InvariantCulture)}; name the Service port to resolve it exactly");
        return new EndpointDiscovery(host, port);
    }

    // One assumed Service per name, carrying every port the policy references, in port order.
    private V1Service Assume(string name, int port)
    {
        if (!_assumed.TryGetValue(name, out var service))
        {
            service = AssumedService(name);
            _assumed.Add(name, service);
        }

        if (!service.Spec.Ports.Any(p => p.Port == port))
        {
            var ports = service.Spec.Ports.Append(new V1ServicePort { Port = port, TargetPort = port, Protocol = "TCP" });
            service.Spec.Ports = [.. ports.OrderBy(p => p.Port)];
        }

        return service;
    }

    // The target is resolved for every route that falls back to it; report it once.
    private void AddProblem(ReferenceProblem problem)
    {
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    private void AddNotice(string notice)
    {
        if (!_notices.Contains(notice))
        {
            _notices.Add(notice);
        }
    }

    private static V1Service AssumedService(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [],
        },
    };
}
