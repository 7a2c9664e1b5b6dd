using System.Collections.Immutable;
using System.Net;
using Junction.Objects;
using k8s.Models;

namespace Junction.Hosting.Local;

/// <summary>
/// Where a local run's Services lead: a Service annotated with <see cref="Annotation"/>
/// (<c>"127.0.0.11:8080,127.0.0.12:8080"</c>) stands for processes on this machine. Its DNS name
/// and those of the headless twins Junction made of it answer with those endpoints, the way a
/// cluster's DNS answers with ready pods.
/// </summary>
internal static class LocalEndpoints
{
    /// <summary>The Service annotation naming loopback endpoints.</summary>
    public const string Annotation = "traffic.junction.dev/local-endpoints";

    /// <summary>The records for these Services, and a problem per Service whose annotation cannot be used.</summary>
    public static (LocalDnsRecords Records, IReadOnlyList<string> Problems) Records(IEnumerable<V1Service> services, string clusterDomain = "cluster.local")
    {
        var all = services.ToList();
        var problems = new List<string>();
        var annotated = new Dictionary<(string Namespace, string Name), ImmutableArray<IPEndPoint>>();
        foreach (var s in all)
        {
            if (s.Metadata?.Annotations?.TryGetValue(Annotation, out var value) != true)
            {
                continue;
            }

            var (endpoints, problem) = Parse(value!);
            if (problem is not null)
            {
                problems.Add($"Service {s.Metadata.NamespaceProperty}/{s.Metadata.Name}: annotation {Annotation}: {problem}");
                continue;
            }

            annotated[(s.Metadata.NamespaceProperty ?? "default", s.Metadata.Name)] = endpoints;
        }

        var records = ImmutableDictionary.CreateBuilder<string, ImmutableArray<IPEndPoint>>(StringComparer.Ordinal);
        foreach (var s in all)
        {
            var ns = s.Metadata?.NamespaceProperty ?? "default";
            // A headless twin leads where the Service it was made of leads.
            var source = s.Metadata?.Labels?.TryGetValue(ChildObjects.BackendLabel, out var backend) == true ? backend! : s.Metadata?.Name;
            if (source is not null && annotated.TryGetValue((ns, source), out var endpoints))
            {
                records[$"{s.Metadata!.Name}.{ns}.svc.{clusterDomain}".ToLowerInvariant()] = endpoints;
            }
        }

        return (new LocalDnsRecords(records.ToImmutable()), problems);
    }

    private static (ImmutableArray<IPEndPoint> Endpoints, string? Problem) Parse(string value)
    {
        var endpoints = ImmutableArray.CreateBuilder<IPEndPoint>();
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPEndPoint.TryParse(item, out var endpoint) || endpoint.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || endpoint.Port == 0)
            {
                return ([], $"\"{item}\" is not an IPv4 address:port");
            }

            if (!IPAddress.IsLoopback(endpoint.Address))
            {
                return ([], $"\"{item}\" is not a loopback address (127.0.0.0/8); a local run reaches only this machine");
            }

            endpoints.Add(endpoint);
        }

        return endpoints.Count == 0
            ? ([], "lists no endpoint")
            : (endpoints.ToImmutable(), null);
    }
}
