using Junction.Mesh.Identity;

namespace Junction.Distribution;

/// <summary>What the proxy API's endpoints work with.</summary>
/// <param name="Reviewer">Reviews bearer tokens (cached).</param>
/// <param name="Authorizer">Decides who may fetch what.</param>
/// <param name="Limiter">Per-caller rate limit.</param>
/// <param name="Store">The bundles served.</param>
/// <param name="Sidecars">Computes sidecar bundles on demand.</param>
/// <param name="Ledger">Remembers what each served hash includes.</param>
/// <param name="Registry">Records what instances run.</param>
/// <param name="View">The cluster as the caches see it (pod labels).</param>
/// <param name="Authority">Junction's CA, null until loaded.</param>
/// <param name="TrustBundle">The roots proxies trust, PEM, null until loaded.</param>
/// <param name="Serving">Whether this replica serves configs and statuses (it leads).</param>
/// <param name="ExternalIssuer">Signs identities instead of Junction's CA (cert-manager); null for Junction's CA.</param>
internal sealed record ProxyApiParts(
    ITokenReviewer Reviewer,
    ProxyAuthorizer Authorizer,
    IdentityRateLimiter Limiter,
    BundleStore Store,
    SidecarBundles Sidecars,
    BundleLedger Ledger,
    ProxyRegistry Registry,
    IDistributionView View,
    Func<CertificateAuthority?> Authority,
    Func<string?> TrustBundle,
    Func<bool> Serving,
    Func<IWorkloadCertificateIssuer?>? ExternalIssuer = null);
