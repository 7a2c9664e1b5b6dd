using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>The Services and Secrets a policy names, all in the policy's own namespace.</summary>
/// <param name="Services">targetRef and every route backend.</param>
/// <param name="Secrets">The Ingress TLS Secret.</param>
internal sealed record PolicyReferences(IReadOnlySet<string> Services, IReadOnlySet<string> Secrets)
{
    /// <summary>Collects the names a policy references.</summary>
    public static PolicyReferences Of(TrafficPolicy policy)
    {
        var spec = policy.Spec;
        var services = new SortedSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(spec.TargetRef?.Name))
        {
            services.Add(spec.TargetRef.Name);
        }

        foreach (var backend in spec.Routes?.SelectMany(r => r.BackendRefs ?? []) ?? [])
        {
            if (!string.IsNullOrEmpty(backend.Name))
            {
                services.Add(backend.Name);
            }
        }

        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        if (spec.Ingress?.Tls?.SecretName is { Length: > 0 } secret)
        {
            secrets.Add(secret);
        }

        return new PolicyReferences(services, secrets);
    }
}
