using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Junction.Mesh.Identity;

/// <summary>
/// What peers trust when cert-manager issues the identities: the CA certificates of a configured
/// Secret (<c>--cert-manager-ca-secret</c>, key <c>ca.crt</c>, re-read at most once a minute), or else
/// the <c>status.ca</c> of the first request cert-manager issued (kept for this process' life; until
/// then nothing is published). Every issued chain must verify against this bundle before it is handed
/// out, so a certificate of another CA (a changed issuer, Junction's own CA) is never mixed in silently.
/// </summary>
internal sealed class CertManagerTrustBundle : ITrustBundleSource
{
    private static readonly TimeSpan SecretRefresh = TimeSpan.FromMinutes(1);
    private readonly Func<CancellationToken, Task<string?>>? readSecret;
    private readonly string? secretName;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? bundle;
    private DateTimeOffset readAt = DateTimeOffset.MinValue;

    /// <summary>Creates the source.</summary>
    /// <param name="secretName">The configured CA Secret as <c>&lt;ns&gt;/&lt;name&gt;</c>, or null to learn the CA from <c>status.ca</c>.</param>
    /// <param name="readSecret">Reads that Secret's <c>ca.crt</c> (null when the Secret or key is missing); unused without a Secret.</param>
    /// <param name="time">The clock for the re-read interval.</param>
    public CertManagerTrustBundle(string? secretName, Func<CancellationToken, Task<string?>>? readSecret, TimeProvider time)
    {
        if ((secretName is null) != (readSecret is null))
        {
            throw new ArgumentException("a CA Secret needs both its name and a reader");
        }

        this.secretName = secretName;
        this.readSecret = readSecret;
        this.time = time;
    }

    /// <inheritdoc />
    public event Action? Changed;

    /// <inheritdoc />
    public string Description => secretName is null ? "status.ca of cert-manager's first issued CertificateRequest" : $"Secret {secretName} key {CaKey}";

    /// <summary>The Secret key cert-manager's own Secrets hold the CA in.</summary>
    public const string CaKey = "ca.crt";

    /// <inheritdoc />
    public async Task<string?> GetTrustBundleAsync(CancellationToken ct)
    {
        if (readSecret is null || time.GetUtcNow() - readAt < SecretRefresh)
        {
            return Volatile.Read(ref bundle);
        }

        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (time.GetUtcNow() - readAt < SecretRefresh)
            {
                return bundle;
            }

            var raw = await readSecret(ct).ConfigureAwait(false)
                ?? throw new CertificateIssuanceException($"Secret {secretName} (--cert-manager-ca-secret) has no key {CaKey}, or does not exist; Junction publishes no trust bundle without it");
            var normalised = Normalise(raw, $"Secret {secretName} key {CaKey}");
            readAt = time.GetUtcNow();
            Publish(normalised);
            return normalised;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Checks an issued chain (leaf first) against the bundle and returns the bundle; without a configured
    /// Secret, the first issuer CA seen (<paramref name="statusCa"/>) becomes the bundle.
    /// </summary>
    /// <exception cref="CertificateIssuanceException">The chain does not verify against the bundle, or no CA is known.</exception>
    public async Task<string> AcceptAsync(string requestName, X509Certificate2Collection chain, string? statusCa, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var current = await GetTrustBundleAsync(ct).ConfigureAwait(false);
        if (current is null)
        {
            if (string.IsNullOrWhiteSpace(statusCa))
            {
                throw new CertificateIssuanceException(
                    $"CertificateRequest {requestName}: the issuer reports no CA (status.ca is empty) and --cert-manager-ca-secret is not set, so Junction cannot tell proxies what to trust; set --cert-manager-ca-secret <namespace>/<name> to a Secret whose {CaKey} holds the issuer's CA");
            }

            var learned = Normalise(statusCa, $"CertificateRequest {requestName} status.ca");
            Verify(requestName, chain, learned, "the issuer's own status.ca");
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (bundle is null)
                {
                    Publish(learned);
                }
            }
            finally
            {
                gate.Release();
            }

            current = bundle!;
        }

        Verify(requestName, chain, current, "the trust bundle (" + Description + ")");
        return current;
    }

    private void Publish(string next)
    {
        var changed = bundle != next;
        Volatile.Write(ref bundle, next);
        if (changed)
        {
            Changed?.Invoke();
        }
    }

    private void Verify(string requestName, X509Certificate2Collection chain, string anchorsPem, string what)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPem(anchorsPem);
        try
        {
            using var builder = new X509Chain();
            builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            builder.ChainPolicy.CustomTrustStore.AddRange(anchors);
            builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
            builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            builder.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
            if (!builder.Build(chain[0]))
            {
                var reasons = string.Join("; ", builder.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                throw new CertificateIssuanceException(
                    $"CertificateRequest {requestName}: the issued certificate does not verify against {what}: {reasons}. Junction does not hand out certificates peers would not trust, nor mix CAs: when the issuer's CA changes, put the old and the new CA into the CA Secret first");
            }
        }
        finally
        {
            foreach (var anchor in anchors)
            {
                anchor.Dispose();
            }
        }
    }

    /// <summary>CA certificates only, one PEM block each; anything else is refused rather than published to every proxy.</summary>
    private static string Normalise(string pem, string where)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new CertificateIssuanceException($"{where} is not PEM certificates: {e.Message}", e);
        }

        try
        {
            if (certificates.Count == 0 || certificates.Any(c => c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true }))
            {
                throw new CertificateIssuanceException($"{where} must hold CA certificates only (basicConstraints CA:TRUE)");
            }

            return string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }
}
