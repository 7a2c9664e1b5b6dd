using System.Globalization;
using Junction.Api.V1Alpha1;
using k8s.Models;

namespace Junction.Validation;

/// <summary>
/// Checks a policy's Service references against Services known offline (those given to the
/// validate verb next to the policy). The reconciler checks the live cluster instead and turns
/// a miss into a ResolvedRefs condition, so these are warnings, not errors.
/// </summary>
internal static class ServiceReferences
{
    /// <summary>Problems with targetRef, backendRefs and mirror backendRefs; none when no Service of the policy's namespace is known.</summary>
    public static IReadOnlyList<FieldProblem> Check(TrafficPolicy policy, IReadOnlyCollection<V1Service> services)
    {
        var ns = policy.Metadata?.NamespaceProperty ?? "default";
        var known = services
            .Where(s => (s.Metadata?.NamespaceProperty ?? "default") == ns && s.Metadata?.Name is not null)
            .GroupBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        if (known.Count == 0)
        {
            return [];
        }

        var problems = new List<FieldProblem>();
        if (policy.Spec?.TargetRef is { } target)
        {
            Check(target.Name, target.Port, "spec.targetRef", ns, known, problems);
        }

        for (var i = 0; i < (policy.Spec?.Routes?.Count ?? 0); i++)
        {
            for (var j = 0; j < (policy.Spec!.Routes![i]?.BackendRefs?.Count ?? 0); j++)
            {
                if (policy.Spec.Routes[i].BackendRefs![j] is { } backend)
                {
                    Check(backend.Name, backend.Port, string.Create(CultureInfo.InvariantCulture, $"spec.routes[{i}].backendRefs[{j}]"), ns, known, problems);
                }
            }

            for (var j = 0; j < (policy.Spec!.Routes![i]?.Filters?.Count ?? 0); j++)
            {
                if (policy.Spec.Routes[i].Filters![j]?.RequestMirror?.BackendRef is { } mirror)
                {
                    Check(mirror.Name, mirror.Port, string.Create(CultureInfo.InvariantCulture, $"spec.routes[{i}].filters[{j}].requestMirror.backendRef"), ns, known, problems);
                }
            }
        }

        return problems;
    }

    private static void Check(string name, int port, string path, string ns, Dictionary<string, V1Service> known, List<FieldProblem> problems)
    {
        if (!known.TryGetValue(name, out var service))
        {
            problems.Add(new FieldProblem($"{path}.name", $"Service \"{name}\" is not among the Services given for namespace \"{ns}\""));
            return;
        }

        var ports = service.Spec?.Ports?.Select(p => p.Port).ToList() ?? [];
        if (!ports.Contains(port))
        {
            var list = ports.Count == 0 ? "none" : string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            problems.Add(new FieldProblem($"{path}.port", string.Create(CultureInfo.InvariantCulture, $"Service \"{name}\" has no port {port} (its ports: {list})")));
        }
    }
}
