using System.Security.Cryptography;
using System.Text;

namespace Junction.Mesh.Identity;

/// <summary>
/// Who a workload is: the service account it runs as, in a namespace, within a trust domain.
/// Its SPIFFE ID is <c>spiffe://&lt;trust-domain&gt;/ns/&lt;namespace&gt;/sa/&lt;serviceaccount&gt;</c>;
/// its certificate subject CN is <c>&lt;sa&gt;.&lt;ns&gt;</c>, for HAProxy 2.6, which cannot read URI SANs.
/// </summary>
/// <param name="TrustDomain">The trust domain, e.g. <c>cluster.local</c>.</param>
/// <param name="Namespace">The workload's namespace.</param>
/// <param name="ServiceAccount">The workload's service account.</param>
internal sealed record WorkloadIdentity(string TrustDomain, string Namespace, string ServiceAccount)
{
    /// <summary>The longest subject CN X.509 allows (RFC 5280 ub-common-name).</summary>
    public const int MaxCommonNameLength = 64;

    /// <summary>The SPIFFE ID, the certificate's only URI SAN.</summary>
    public string SpiffeId => $"spiffe://{TrustDomain}/ns/{Namespace}/sa/{ServiceAccount}";

    /// <summary>
    /// <c>&lt;sa&gt;.&lt;ns&gt;</c>; when that is longer than 64 characters, its start and a hash of the
    /// whole, so distinct identities keep distinct CNs.
    /// </summary>
    public string CommonName
    {
        get
        {
            var whole = $"{ServiceAccount}.{Namespace}";
            if (whole.Length <= MaxCommonNameLength)
            {
                return whole;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(whole)))[..16];
            return whole[..(MaxCommonNameLength - hash.Length - 1)] + "-" + hash;
        }
    }

    /// <summary>Parses a SPIFFE ID of the Kubernetes shape; null when it is not one.</summary>
    public static WorkloadIdentity? FromSpiffeId(string spiffeId)
    {
        ArgumentNullException.ThrowIfNull(spiffeId);
        const string scheme = "spiffe://";
        if (!spiffeId.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = spiffeId[scheme.Length..].Split('/');
        return parts is [var domain, "ns", var ns, "sa", var sa] && domain.Length > 0 && ns.Length > 0 && sa.Length > 0
            ? new WorkloadIdentity(domain, ns, sa)
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => SpiffeId;
}
