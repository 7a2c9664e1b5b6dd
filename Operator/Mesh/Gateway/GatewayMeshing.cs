using Junction.Api.V1Alpha1;
using Junction.Ir;
using Junction.Mesh.Identity;
using Junction.Mesh.Sidecar;
using Junction.Translation;
using k8s.Models;

namespace Junction.Mesh.Gateway;

/// <summary>
/// What a gateway policy needs to know about the mesh of its namespace, from the same facts the
/// sidecar translation reads: a Service is meshed when a Sidecar-mode policy of the namespace
/// targets it or routes to it (sidecars already call its pods over mTLS, so they run sidecars),
/// and its endpoints must present the identity of the one service account serving it (the rule
/// sidecars apply, <see cref="ServingAccounts"/>). Pure: no client, clock or I/O.
/// </summary>
internal static class GatewayMeshing
{
    /// <summary>The mesh around the gateway of policy <paramref name="policyName"/> in <paramref name="ns"/>.</summary>
    /// <param name="ns">The gateway policy's namespace.</param>
    /// <param name="policyName">The gateway policy's name.</param>
    /// <param name="policies">The TrafficPolicies of that namespace (others are ignored).</param>
    /// <param name="service">The Service of that namespace by name, or null.</param>
    /// <param name="workloads">The workloads of that namespace (others are ignored).</param>
    /// <param name="trustDomain">The SPIFFE trust domain.</param>
    public static MeshNeighbourhood Neighbourhood(
        string ns,
        string policyName,
        IEnumerable<TrafficPolicy> policies,
        Func<string, V1Service?> service,
        IEnumerable<ServingWorkload> workloads,
        string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(service);
        var serving = workloads.Where(w => w.Namespace == ns).ToList();
        var meshed = new SortedDictionary<string, UpstreamIdentity>(StringComparer.Ordinal);
        foreach (var name in policies.Where(p => IsSidecar(p, ns)).SelectMany(Covered))
        {
            if (!meshed.ContainsKey(name))
            {
                meshed[name] = ServingAccounts.Upstream(name, ns, ServingAccounts.Of(service(name), ns, serving), trustDomain);
            }
        }

        var identity = new WorkloadIdentity(trustDomain, ns, GatewayIdentity.GatewayServiceAccount);
        return new MeshNeighbourhood(
            new GatewayIdentity(ChildNames.Identity(policyName), identity.ServiceAccount, identity.SpiffeId, identity.CommonName),
            meshed);
    }

    private static bool IsSidecar(TrafficPolicy p, string ns) =>
        p.Spec?.Proxy?.Mode == ProxyModes.Sidecar
        && p.Metadata.DeletionTimestamp is null
        && (p.Metadata.NamespaceProperty ?? "default") == ns;

    // The Services whose pods a Sidecar-mode policy's sidecars call over mTLS.
    private static IEnumerable<string> Covered(TrafficPolicy p)
    {
        var spec = p.Spec;
        if (!string.IsNullOrEmpty(spec.TargetRef?.Name))
        {
            yield return spec.TargetRef.Name;
        }

        foreach (var route in spec.Routes ?? [])
        {
            foreach (var backend in route?.BackendRefs ?? [])
            {
                if (!string.IsNullOrEmpty(backend?.Name))
                {
                    yield return backend.Name;
                }
            }

            foreach (var filter in route?.Filters ?? [])
            {
                if (filter?.RequestMirror?.BackendRef.Name is { Length: > 0 } mirror)
                {
                    yield return mirror;
                }
            }
        }
    }
}
