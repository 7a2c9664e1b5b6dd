using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Junction.Mesh.Identity;

/// <summary>
/// Junction's own CA: an ECDSA P-256 root that signs short-lived workload certificates whose only
/// SAN is the workload's SPIFFE ID and whose CN is <c>&lt;sa&gt;.&lt;ns&gt;</c>. It signs only for the
/// identity the caller proved (a reviewed ServiceAccount token); a request that asks for any other
/// name is refused, so a pod only ever gets its own identity.
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    private const string RootCommonName = "Junction Root CA";
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid SubjectAltName = new("2.5.29.17");

    private readonly X509Certificate2 root;
    private readonly ECDsa rootKey;
    private readonly CertificateAuthorityOptions options;
    private readonly TimeProvider time;
    private readonly RandomNumberGenerator random;

    private CertificateAuthority(X509Certificate2 root, ECDsa rootKey, CertificateAuthorityOptions options, TimeProvider time, RandomNumberGenerator random)
    {
        this.root = root;
        this.rootKey = rootKey;
        this.options = options;
        this.time = time;
        this.random = random;
    }

    /// <summary>The root certificate, PEM: the trust bundle every proxy verifies peers with.</summary>
    public string RootCertificatePem => root.ExportCertificatePem();

    /// <summary>The root's private key, PKCS#8 PEM, for the CA Secret only.</summary>
    public string RootPrivateKeyPem => rootKey.ExportPkcs8PrivateKeyPem();

    /// <summary>When the root expires.</summary>
    public DateTimeOffset RootNotAfter => new(root.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The trust domain of the identities this CA signs.</summary>
    public string TrustDomain => options.TrustDomain;

    /// <summary>Creates a new root (first start).</summary>
    public static CertificateAuthority Create(CertificateAuthorityOptions options, TimeProvider time, RandomNumberGenerator? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        random ??= RandomNumberGenerator.Create();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={RootCommonName}, O=junction, OU={options.TrustDomain}");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(ski);
        var now = time.GetUtcNow();
        using var selfSigned = request.Create(subject, X509SignatureGenerator.CreateForECDsa(key), now - options.ClockSkew, now + options.RootLifetime, Serial(random));
        var root = X509CertificateLoader.LoadCertificate(selfSigned.RawData);
        return new CertificateAuthority(root, key, options, time, random);
    }

    /// <summary>Loads the root from the CA Secret's PEM data.</summary>
    /// <exception cref="ArgumentException">The PEM is not a CA certificate with its matching ECDSA key.</exception>
    public static CertificateAuthority Load(string certificatePem, string privateKeyPem, CertificateAuthorityOptions options, TimeProvider time, RandomNumberGenerator? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        X509Certificate2 root;
        var key = ECDsa.Create();
        try
        {
            root = X509Certificate2.CreateFromPem(certificatePem);
            key.ImportFromPem(privateKeyPem);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException($"the CA Secret does not hold a PEM certificate and ECDSA key: {e.Message}", e);
        }

        using var certificateKey = root.GetECDsaPublicKey();
        if (certificateKey is null || !certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            throw new ArgumentException("the CA Secret's private key does not belong to its certificate");
        }

        if (root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            key.Dispose();
            throw new ArgumentException("the CA Secret's certificate is not a CA certificate (basicConstraints CA:TRUE missing)");
        }

        return new CertificateAuthority(root, key, options, time, random ?? RandomNumberGenerator.Create());
    }

    /// <summary>
    /// Signs a PKCS#10 request (PEM) for <paramref name="authenticated"/>, the identity the caller proved.
    /// The certificate names that identity only, whatever else the request asks for; a request that asks
    /// for another name, or whose signature does not verify, is refused.
    /// </summary>
    /// <exception cref="SigningRefusedException">The request is malformed, unsigned, uses a weak key or asks for another identity.</exception>
    public IssuedCertificate Sign(string csrPem, WorkloadIdentity authenticated) => Sign(csrPem, authenticated, options.LeafLifetime);

    /// <summary>
    /// Signs a PKCS#10 request (PEM) for <paramref name="authenticated"/> like <see cref="Sign(string, WorkloadIdentity)"/>,
    /// valid for <paramref name="lifetime"/> (never beyond the root's end).
    /// </summary>
    /// <exception cref="SigningRefusedException">The request is malformed, unsigned, uses a weak key or asks for another identity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive or longer than <see cref="CertificateAuthorityOptions.MaxLeafLifetime"/>.</exception>
    public IssuedCertificate Sign(string csrPem, WorkloadIdentity authenticated, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(authenticated);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, options.MaxLeafLifetime);
        RequireTrustDomain(authenticated);
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            throw new SigningRefusedException($"csr: not a PEM PKCS#10 request with a valid signature: {e.Message}", e);
        }

        RequireStrongKey(request.PublicKey);
        RequireOnlyOwnNames(request, authenticated);
        return Issue(request.PublicKey, authenticated, lifetime);
    }

    /// <summary>Issues a certificate with a new ECDSA P-256 key, for proxies the operator provisions itself.</summary>
    public IssuedKeyPair IssueWithNewKey(WorkloadIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        RequireTrustDomain(identity);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + identity.CommonName), key, HashAlgorithmName.SHA256);
        return new IssuedKeyPair(Issue(request.PublicKey, identity, options.LeafLifetime), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Issues a TLS server certificate with a new ECDSA P-256 key for the operator's own endpoints
    /// (the proxy API): DNS and IP SANs, server authentication only, the leaf lifetime.
    /// </summary>
    public IssuedServingCertificate IssueServing(string commonName, IReadOnlyList<string> dnsNames, IReadOnlyList<System.Net.IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = time.GetUtcNow();
        var notBefore = now - options.ClockSkew;
        var notAfter = now + options.LeafLifetime < RootNotAfter ? now + options.LeafLifetime : RootNotAfter;
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=junction"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var leaf = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), notBefore, notAfter, Serial(random));
        return new IssuedServingCertificate(leaf.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem(), notBefore, notAfter);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        root.Dispose();
        rootKey.Dispose();
        random.Dispose();
    }

    private IssuedCertificate Issue(PublicKey publicKey, WorkloadIdentity identity, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var notBefore = now - options.ClockSkew;
        var notAfter = now + lifetime;
        if (notAfter > RootNotAfter)
        {
            notAfter = RootNotAfter; // a leaf never outlives the root that vouches for it
        }

        var subject = new X500DistinguishedName($"CN={identity.CommonName}, O=junction");
        var request = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(identity.SpiffeId));
        // Critical because the subject is not the identity (SPIFFE X.509-SVID §4.3 leaves this to the issuer).
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var leaf = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), notBefore, notAfter, Serial(random));
        return new IssuedCertificate(identity, leaf.ExportCertificatePem() + "\n", notBefore, notAfter);
    }

    private void RequireTrustDomain(WorkloadIdentity identity)
    {
        if (identity.TrustDomain != options.TrustDomain)
        {
            throw new SigningRefusedException($"identity {identity.SpiffeId}: trust domain \"{identity.TrustDomain}\" is not this CA's \"{options.TrustDomain}\"");
        }
    }

    /// <summary>Refuses keys weaker than P-256 or RSA 2048, and every other algorithm.</summary>
    internal static void RequireStrongKey(PublicKey key)
    {
        using var ec = key.GetECDsaPublicKey();
        if (ec is not null)
        {
            if (ec.KeySize < 256)
            {
                throw new SigningRefusedException($"csr: ECDSA key of {ec.KeySize} bits is too weak; use P-256 or stronger");
            }

            return;
        }

        using var rsa = key.GetRSAPublicKey()
            ?? throw new SigningRefusedException("csr: the key must be ECDSA (P-256 or stronger) or RSA (2048 bits or more)");

        if (rsa.KeySize < 2048)
        {
            throw new SigningRefusedException($"csr: RSA key of {rsa.KeySize} bits is too weak; use 2048 bits or more");
        }
    }

    private static void RequireOnlyOwnNames(CertificateRequest request, WorkloadIdentity identity)
    {
        var cn = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(n => n.GetSingleElementType().Value == "2.5.4.3")
            .Select(n => n.GetSingleElementValue())
            .ToList();
        if (cn.Any(name => name != identity.CommonName))
        {
            throw new SigningRefusedException($"csr: subject CN \"{string.Join(",", cn)}\" is not the caller's identity \"{identity.CommonName}\"");
        }

        foreach (var extension in request.CertificateExtensions.Where(e => e.Oid?.Value == SubjectAltName.Value))
        {
            var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            var asked = san.EnumerateDnsNames().Select(d => "DNS:" + d)
                .Concat(san.EnumerateIPAddresses().Select(ip => "IP:" + ip))
                .ToList();
            if (asked.Count > 0)
            {
                throw new SigningRefusedException($"csr: subjectAltName asks for {string.Join(", ", asked)}; a workload certificate names only {identity.SpiffeId}");
            }

            var uris = UriNames(extension.RawData);
            if (uris.Any(u => u != identity.SpiffeId))
            {
                throw new SigningRefusedException($"csr: subjectAltName asks for {string.Join(", ", uris)}; the caller is {identity.SpiffeId}");
            }
        }
    }

    private static List<string> UriNames(byte[] rawSan)
    {
        var uris = new List<string>();
        WorkloadCsr.ReadGeneralNames(rawSan, uris, []);
        return uris;
    }

    private static byte[] Serial(RandomNumberGenerator random)
    {
        var serial = new byte[16];
        random.GetBytes(serial);
        serial[0] &= 0x7F; // positive, as RFC 5280 requires
        serial[0] |= 0x01; // and never shorter than 16 bytes
        return serial;
    }
}
