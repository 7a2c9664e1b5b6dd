namespace Junction.Ir;

/// <summary>North-south exposure through an Ingress.</summary>
/// <param name="ClassName">IngressClass, or null for the cluster default.</param>
/// <param name="Hosts">Host names.</param>
/// <param name="Paths">Paths on every host.</param>
/// <param name="TlsSecretName">Secret holding the certificate, if TLS is on.</param>
/// <param name="Issuer">cert-manager issuer that fills the secret, if any.</param>
/// <param name="BackendService">Service the Ingress sends traffic to.</param>
/// <param name="BackendPort">Port of that Service.</param>
internal sealed record IngressExposure(
    string? ClassName,
    EquatableArray<string> Hosts,
    EquatableArray<IngressRoutePath> Paths,
    string? TlsSecretName,
    CertificateIssuer? Issuer,
    string BackendService,
    int BackendPort);
