using System.Security.Cryptography;
using Junction.Mesh.Identity;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>
/// Junction's CA, kept in a Secret of Junction's own namespace: created the first time it is
/// needed (the first meshed namespace), loaded on every later start, so a cluster that uses no
/// mesh holds no CA key at all. Creation is create-if-absent, so two replicas starting at once
/// end with one CA: the loser of the create (HTTP 409) reads and uses the winner's Secret.
/// A Secret that exists but does not hold a usable CA is reported and never overwritten,
/// because replacing it would silently distrust every certificate issued so far.
/// </summary>
internal sealed class CaBootstrap(
    ICaSecretStore store,
    string @namespace,
    CertificateAuthorityOptions options,
    TimeProvider time,
    ILogger<CaBootstrap> logger,
    Func<RandomNumberGenerator>? random = null) : ICertificateAuthoritySource
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private CertificateAuthority? current;
    private string extraTrust = "";
    private string? bundle;

    /// <summary>Raised after the CA in use or the trust bundle changed (first load, another root, other extra roots).</summary>
    public event Action? Changed;

    /// <summary>The namespace of the CA Secret.</summary>
    public string Namespace => @namespace;

    /// <summary>The CA in use, or null before the first successful <see cref="RefreshAsync"/>.</summary>
    public CertificateAuthority? Current => Volatile.Read(ref current);

    /// <summary>
    /// What proxies must trust, PEM: the CA's root, then the extra roots of the Secret's
    /// <c>trust.crt</c> (during a CA rotation, the other root). Null before the CA is loaded.
    /// </summary>
    public string? TrustBundlePem => Volatile.Read(ref bundle);

    /// <summary>The CA in use, loading or creating it first when there is none yet.</summary>
    public async Task<CertificateAuthority> GetAsync(CancellationToken ct) =>
        Current ?? (await RefreshAsync(createIfAbsent: true, ct).ConfigureAwait(false))!;

    /// <summary>
    /// Loads (or creates) the CA, retrying every 5 s while the Secret cannot be read or holds no usable CA,
    /// for a replica that needs the CA before it can serve (<paramref name="purpose"/> names what, for the log).
    /// Returns false only when <paramref name="ct"/> stops it first.
    /// </summary>
    public async Task<bool> LoadWithRetryAsync(string purpose, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await GetAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (e is InvalidOperationException or k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                CaLog.LoadFailed(logger, purpose, e.Message);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the CA Secret again and loads it when it exists. When it does not, it is created with
    /// the CA in use (someone deleted it), or with a new CA when <paramref name="createIfAbsent"/>;
    /// otherwise nothing is written. Returns the CA in use afterwards, null when there is none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The Secret exists but holds no usable CA.</exception>
    public async Task<CertificateAuthority?> RefreshAsync(bool createIfAbsent, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        bool changed;
        CertificateAuthority? result;
        try
        {
            (result, changed) = await LoadOrCreateAsync(createIfAbsent, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        if (changed)
        {
            Changed?.Invoke();
        }

        return result;
    }

    private async Task<(CertificateAuthority? Ca, bool Changed)> LoadOrCreateAsync(bool createIfAbsent, CancellationToken ct)
    {
        var secret = await store.ReadAsync(@namespace, MeshIdentityNames.CaSecret, ct).ConfigureAwait(false);
        if (secret is not null)
        {
            return Adopt(secret, "loaded");
        }

        if (current is null && !createIfAbsent)
        {
            return (null, false);
        }

        var ca = current ?? CertificateAuthority.Create(options, time, random?.Invoke());
        try
        {
            await store.CreateAsync(ToSecret(ca), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsConflict(e))
        {
            // Another replica created it between our read and our create: its CA wins.
            if (!ReferenceEquals(ca, current))
            {
                ca.Dispose();
            }

            var winner = await store.ReadAsync(@namespace, MeshIdentityNames.CaSecret, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Secret {@namespace}/{MeshIdentityNames.CaSecret} was created by someone else and is gone again; retrying");
            return Adopt(winner, "loaded the concurrently created");
        }
        catch
        {
            if (!ReferenceEquals(ca, current))
            {
                ca.Dispose();
            }

            throw;
        }

        if (ReferenceEquals(ca, current))
        {
            CaLog.Restored(logger, @namespace, MeshIdentityNames.CaSecret, Fingerprint(ca));
            return (ca, false);
        }

        Use(ca, extraTrust);
        CaLog.Created(logger, @namespace, MeshIdentityNames.CaSecret, Fingerprint(ca), Iso(ca.RootNotAfter));
        return (ca, true);
    }

    private (CertificateAuthority Ca, bool Changed) Adopt(V1Secret secret, string how)
    {
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        if (!data.TryGetValue(MeshIdentityNames.CaCertificateKey, out var certificate) || !data.TryGetValue(MeshIdentityNames.CaPrivateKeyKey, out var key))
        {
            throw new InvalidOperationException(
                $"Secret {@namespace}/{MeshIdentityNames.CaSecret} lacks the keys {MeshIdentityNames.CaCertificateKey} and {MeshIdentityNames.CaPrivateKeyKey}; Junction does not overwrite it (delete it to let Junction create a new CA)");
        }

        var certificatePem = System.Text.Encoding.UTF8.GetString(certificate);
        var extra = ExtraTrust(data);
        if (current is not null && current.RootCertificatePem.Trim() == certificatePem.Trim())
        {
            if (extra == extraTrust)
            {
                return (current, false);
            }

            Use(current, extra);
            CaLog.Loaded(logger, "new extra roots in the", @namespace, MeshIdentityNames.CaSecret, Fingerprint(current), Iso(current.RootNotAfter));
            return (current, true);
        }

        CertificateAuthority loaded;
        try
        {
            loaded = CertificateAuthority.Load(certificatePem, System.Text.Encoding.UTF8.GetString(key), options, time, random?.Invoke());
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Secret {@namespace}/{MeshIdentityNames.CaSecret}: {e.Message}; Junction does not overwrite it", e);
        }

        // The old CA is not disposed: a reconcile may still be signing or publishing with it.
        Use(loaded, extra);
        CaLog.Loaded(logger, how, @namespace, MeshIdentityNames.CaSecret, Fingerprint(loaded), Iso(loaded.RootNotAfter));
        return (loaded, true);
    }

    private void Use(CertificateAuthority ca, string extra)
    {
        current = ca;
        extraTrust = extra;
        Volatile.Write(ref bundle, ca.RootCertificatePem.TrimEnd() + "\n" + extra);
    }

    /// <summary>
    /// The Secret's optional extra trusted roots (<c>trust.crt</c>), normalised to PEM, one per block.
    /// Each must be a CA certificate; anything else is refused rather than published to every proxy.
    /// </summary>
    private string ExtraTrust(IDictionary<string, byte[]> data)
    {
        if (!data.TryGetValue(MeshIdentityNames.CaExtraTrustKey, out var raw) || raw.Length == 0)
        {
            return "";
        }

        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(System.Text.Encoding.UTF8.GetString(raw));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"Secret {@namespace}/{MeshIdentityNames.CaSecret}: {MeshIdentityNames.CaExtraTrustKey} is not PEM certificates: {e.Message}", e);
        }

        try
        {
            if (roots.Count == 0 || roots.Any(r => r.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true }))
            {
                throw new InvalidOperationException($"Secret {@namespace}/{MeshIdentityNames.CaSecret}: {MeshIdentityNames.CaExtraTrustKey} must hold CA certificates only (basicConstraints CA:TRUE)");
            }

            return string.Concat(roots.Select(r => r.ExportCertificatePem() + "\n"));
        }
        finally
        {
            foreach (var root in roots)
            {
                root.Dispose();
            }
        }
    }

    private V1Secret ToSecret(CertificateAuthority ca) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta
        {
            Name = MeshIdentityNames.CaSecret,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string>
            {
                [Ownership.ManagedByLabel] = Ownership.ManagedByValue,
                [MeshIdentityNames.ComponentLabel] = MeshIdentityNames.CaComponent,
            },
        },
        Data = extraTrust.Length == 0
            ? new Dictionary<string, byte[]>
            {
                [MeshIdentityNames.CaCertificateKey] = System.Text.Encoding.UTF8.GetBytes(ca.RootCertificatePem),
                [MeshIdentityNames.CaPrivateKeyKey] = System.Text.Encoding.UTF8.GetBytes(ca.RootPrivateKeyPem),
            }
            : new Dictionary<string, byte[]>
            {
                [MeshIdentityNames.CaCertificateKey] = System.Text.Encoding.UTF8.GetBytes(ca.RootCertificatePem),
                [MeshIdentityNames.CaPrivateKeyKey] = System.Text.Encoding.UTF8.GetBytes(ca.RootPrivateKeyPem),
                [MeshIdentityNames.CaExtraTrustKey] = System.Text.Encoding.UTF8.GetBytes(extraTrust),
            },
    };

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The SHA-256 fingerprint of the root, which is what the logs name (never the key).</summary>
    public static string Fingerprint(CertificateAuthority ca)
    {
        var der = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca.RootCertificatePem);
        using (der)
        {
            return Convert.ToHexString(SHA256.HashData(der.RawData)).ToLowerInvariant()[..16];
        }
    }
}
