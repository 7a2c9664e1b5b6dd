using Junction.Ir;
using Junction.Mesh.Identity;
using k8s.Models;

namespace Junction.Mesh.Sidecar;

/// <summary>
/// Which service accounts serve a Service, and so what identity its endpoints must present to a
/// proxy that calls them over mTLS (a sidecar or a gateway): the CN of the one service account its
/// workloads run as; with none or several known, any certificate of the mesh CA.
/// </summary>
internal static class ServingAccounts
{
    /// <summary>The service accounts of the workloads whose pods the Service selects, in name order.</summary>
    public static IReadOnlyList<string> Of(V1Service? service, string ns, IEnumerable<ServingWorkload> workloads)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        return service is null
            ? []
            : workloads
                .Where(w => w.Namespace == ns && Selects(service, w.Labels))
                .Select(w => w.ServiceAccount)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>The identity the endpoints of <paramref name="serviceName"/> must present, given its serving accounts.</summary>
    public static UpstreamIdentity Upstream(string serviceName, string ns, IReadOnlyList<string> accounts, string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return accounts.Count == 1
            ? new UpstreamIdentity(serviceName, new WorkloadIdentity(trustDomain, ns, accounts[0]).CommonName)
            : new UpstreamIdentity(serviceName, null);
    }

    /// <summary>True when the Service's selector selects pods with these labels.</summary>
    public static bool Selects(V1Service service, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(labels);
        return service.Spec?.Selector is { Count: > 0 } selector
            && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
