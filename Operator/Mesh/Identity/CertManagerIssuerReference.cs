using System.Text.RegularExpressions;

namespace Junction.Mesh.Identity;

/// <summary>
/// The cert-manager issuer that signs workload identities: <c>Issuer/&lt;name&gt;</c> (namespaced: it must
/// live in the namespace of the CertificateRequests, the operator's) or <c>ClusterIssuer/&lt;name&gt;</c>.
/// </summary>
/// <param name="Kind"><c>Issuer</c> or <c>ClusterIssuer</c>.</param>
/// <param name="Name">The issuer's name.</param>
internal sealed partial record CertManagerIssuerReference(string Kind, string Name)
{
    /// <summary>The API group of cert-manager's own issuer kinds.</summary>
    public const string Group = "cert-manager.io";

    /// <summary>Parses <c>&lt;kind&gt;/&lt;name&gt;</c>; null and the reason when it is not one.</summary>
    public static CertManagerIssuerReference? Parse(string value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? "" : value[..slash];
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (kind is not ("Issuer" or "ClusterIssuer"))
        {
            error = $"must be Issuer/<name> or ClusterIssuer/<name>, not \"{value}\"";
            return null;
        }

        if (name.Length is 0 or > 253 || !Subdomain().IsMatch(name))
        {
            error = $"names {kind} \"{name}\", which is not a Kubernetes object name (lower case letters, digits, '-' and '.')";
            return null;
        }

        error = null;
        return new CertManagerIssuerReference(kind, name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
