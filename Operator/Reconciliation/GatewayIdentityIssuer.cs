using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Junction.Api.V1Alpha1;
using Junction.Ir;
using Junction.Mesh.Identity;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>
/// Keeps a meshed gateway's identity Secret (<c>&lt;gateway&gt;-identity</c>: <c>tls.pem</c> = leaf +
/// key, <c>ca.pem</c> = trust bundle), issued by Junction's CA for the gateway's service account
/// until the agent requests identities itself. A certificate is re-issued when less than a third
/// of its lifetime is left, when it names another identity, or when the trust bundle changed.
/// Freshness is read from the Secret's annotations, because the Secret cache holds metadata only:
/// the key never enters a cache or a log. The Secret is owned by the policy like its other children.
/// </summary>
internal sealed class GatewayIdentityIssuer(IClusterView view, IIdentitySecretStore store, CaBootstrap ca, TimeProvider time, ILogger<GatewayIdentityIssuer> logger, string? cannotSign = null)
{
    /// <summary>The leaf certificate followed by its key.</summary>
    public const string CertificateKey = "tls.pem";

    /// <summary>The trust bundle.</summary>
    public const string TrustBundleKey = "ca.pem";

    /// <summary>The SPIFFE ID the Secret's certificate names.</summary>
    public const string IdentityAnnotation = "traffic.junction.dev/identity";

    /// <summary>Start of the certificate's validity, RFC 3339.</summary>
    public const string NotBeforeAnnotation = "traffic.junction.dev/not-before";

    /// <summary>End of the certificate's validity, RFC 3339.</summary>
    public const string NotAfterAnnotation = "traffic.junction.dev/not-after";

    /// <summary>The hash of the trust bundle the certificate was issued under.</summary>
    public const string TrustHashAnnotation = "traffic.junction.dev/trust-hash";

    /// <summary>The hash of the Secret's content, which the gateway pod template carries.</summary>
    public const string ContentHashAnnotation = "traffic.junction.dev/identity-hash";

    /// <summary>The component label value of identity Secrets.</summary>
    public const string Component = "gateway-identity";

    /// <summary>
    /// Brings the identity Secret of <paramref name="policy"/> to what <paramref name="wanted"/> asks:
    /// fresh when wanted, absent (if Junction's) when not. Never throws for API errors: they are results.
    /// </summary>
    public async Task<IdentityOutcome> EnsureAsync(TrafficPolicy policy, GatewayIdentity? wanted, string? orphanName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var ns = policy.Metadata.NamespaceProperty;
        if (wanted is null)
        {
            await RemoveAsync(policy, orphanName, ct).ConfigureAwait(false);
            return IdentityOutcome.None;
        }

        // Junction's CA is not the mesh's (cert-manager signs): a leaf from it would not be trusted.
        if (cannotSign is not null)
        {
            return IdentityOutcome.None with { NotEnforced = new Validation.FieldProblem("spec.mtls", cannotSign) };
        }

        var observed = view.Secret(ns, wanted.SecretName);
        if (observed is not null && !Ownership.IsControlledBy(observed, policy.Metadata.Uid))
        {
            var message = $"exists and is controlled by {Ownership.DescribeController(observed)}, not by this policy; Junction does not overwrite it, so the gateway has no mesh identity";
            return new IdentityOutcome(new ChildResult.Foreign(new ChildProblem("Secret", ns, wanted.SecretName, message)), null, null);
        }

        try
        {
            var authority = await ca.GetAsync(ct).ConfigureAwait(false);
            var bundle = ca.TrustBundlePem!;
            var now = time.GetUtcNow();
            var reason = Staleness(observed, wanted, bundle, now);
            if (reason is null)
            {
                var notAfter = Parse(observed!.Metadata.Annotations[NotAfterAnnotation])!.Value;
                var notBefore = Parse(observed.Metadata.Annotations[NotBeforeAnnotation])!.Value;
                return new IdentityOutcome(new ChildResult.Unchanged(observed), observed.Metadata.Annotations[ContentHashAnnotation], RenewAt(notBefore, notAfter));
            }

            var identity = WorkloadIdentity.FromSpiffeId(wanted.SpiffeId)
                ?? throw new InvalidOperationException($"gateway identity {wanted.SpiffeId} is not a SPIFFE ID of the Kubernetes shape");
            var issued = authority.IssueWithNewKey(identity);
            var desired = Desired(policy, wanted, issued, bundle, observed?.Metadata.ResourceVersion);
            var stored = observed is null
                ? await store.CreateAsync(desired, ct).ConfigureAwait(false)
                : await store.ReplaceAsync(desired, ct).ConfigureAwait(false);
            IdentityLog.Issued(logger, ns, wanted.SecretName, wanted.SpiffeId, Iso(issued.Certificate.NotAfter), reason);
            return new IdentityOutcome(new ChildResult.Written(stored), desired.Metadata.Annotations[ContentHashAnnotation], RenewAt(issued.Certificate.NotBefore, issued.Certificate.NotAfter));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = "identity not issued: " + ApiErrors.Describe(e);
            return new IdentityOutcome(new ChildResult.Failed(new ChildProblem("Secret", ns, wanted.SecretName, message), observed), null, null);
        }
    }

    /// <summary>When a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> is re-issued: once a third of its lifetime is left.</summary>
    public static DateTimeOffset RenewAt(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        notAfter - ((notAfter - notBefore) / 3);

    // Null when the Secret holds a certificate that may stay; else why it is (re-)issued.
    private static string? Staleness(V1Secret? observed, GatewayIdentity wanted, string bundle, DateTimeOffset now)
    {
        if (observed is null)
        {
            return "absent";
        }

        var annotations = observed.Metadata.Annotations ?? new Dictionary<string, string>();
        string? Value(string key) => annotations.TryGetValue(key, out var v) ? v : null;
        if (Value(IdentityAnnotation) != wanted.SpiffeId)
        {
            return "identity changed";
        }

        if (Value(TrustHashAnnotation) != Hash(bundle))
        {
            return "trust bundle changed";
        }

        if (Parse(Value(NotBeforeAnnotation)) is not { } notBefore || Parse(Value(NotAfterAnnotation)) is not { } notAfter || Value(ContentHashAnnotation) is null)
        {
            return "validity unknown";
        }

        return now >= RenewAt(notBefore, notAfter) ? "less than a third of its lifetime left" : null;
    }

    private async Task RemoveAsync(TrafficPolicy policy, string? name, CancellationToken ct)
    {
        var ns = policy.Metadata.NamespaceProperty;
        if (name is null || view.Secret(ns, name) is not { } existing || !Ownership.IsControlledBy(existing, policy.Metadata.Uid) || existing.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        try
        {
            await store.DeleteAsync(ns, name, existing.Metadata.Uid, ct).ConfigureAwait(false);
            IdentityLog.Removed(logger, ns, name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Owned by the policy: garbage collection removes it with the policy at the latest.
            ReconcilerLog.ApplyFailed(logger, ns, policy.Metadata.Name, $"Secret {ns}/{name}: delete failed: {ApiErrors.Describe(e)}");
        }
    }

    private static V1Secret Desired(TrafficPolicy policy, GatewayIdentity wanted, IssuedKeyPair issued, string bundle, string? resourceVersion)
    {
        var pem = issued.HAProxyPem;
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = wanted.SecretName,
                NamespaceProperty = policy.Metadata.NamespaceProperty,
                ResourceVersion = resourceVersion,
                Labels = new Dictionary<string, string>
                {
                    [Ownership.ManagedByLabel] = Ownership.ManagedByValue,
                    [Ownership.PolicyLabel] = ProxyNames.LabelValue(policy.Metadata.Name),
                    [MeshIdentityNames.ComponentLabel] = Component,
                },
                Annotations = new Dictionary<string, string>
                {
                    [IdentityAnnotation] = wanted.SpiffeId,
                    [NotBeforeAnnotation] = Iso(issued.Certificate.NotBefore),
                    [NotAfterAnnotation] = Iso(issued.Certificate.NotAfter),
                    [TrustHashAnnotation] = Hash(bundle),
                    // Of the certificate and bundle: the key adds nothing a roll would need to know.
                    [ContentHashAnnotation] = Hash(issued.Certificate.CertificatePem + bundle),
                },
                OwnerReferences = [Ownership.ControllerReference(policy)],
            },
            Data = new Dictionary<string, byte[]>
            {
                [CertificateKey] = Encoding.UTF8.GetBytes(pem),
                [TrustBundleKey] = Encoding.UTF8.GetBytes(bundle),
            },
        };
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
