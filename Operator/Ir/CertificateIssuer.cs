namespace Junction.Ir;

/// <summary>A cert-manager issuer.</summary>
/// <param name="Name">Issuer name.</param>
/// <param name="ClusterScoped">True for a ClusterIssuer.</param>
internal sealed record CertificateIssuer(string Name, bool ClusterScoped);
