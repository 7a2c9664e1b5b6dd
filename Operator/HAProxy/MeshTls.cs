namespace Junction.HAProxy;

/// <summary>
/// The server options with which a proxy (a sidecar or a gateway) reaches a meshed endpoint:
/// mutual TLS with the proxy's own workload certificate, the endpoint verified against the mesh
/// trust bundle, and its service account checked by the certificate CN whenever the Service's
/// workloads run as exactly one (verifyhost; HAProxy 2.6 cannot read URI SANs).
/// </summary>
internal static class MeshTls
{
    /// <summary>The options to append to a <c>server</c> or <c>default-server</c> line.</summary>
    /// <param name="certificate">The proxy's leaf certificate and key (PEM), e.g. /var/run/junction/identity/tls.pem.</param>
    /// <param name="trustBundle">The mesh trust bundle (PEM), e.g. /var/run/junction/identity/ca.pem.</param>
    /// <param name="commonName">The CN the endpoint must present (<c>&lt;sa&gt;.&lt;ns&gt;</c>), or null to check the CA only.</param>
    public static string ServerOptions(string certificate, string trustBundle, string? commonName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(trustBundle);
        var tls = "ssl crt " + HAProxyText.Quote(certificate) + " ca-file " + HAProxyText.Quote(trustBundle) + " verify required";
        return commonName is null ? tls : tls + " verifyhost " + commonName;
    }
}
