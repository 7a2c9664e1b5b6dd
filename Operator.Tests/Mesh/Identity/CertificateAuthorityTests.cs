using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Junction.Mesh.Identity;
using Junction.Tests.HAProxy;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Mesh.Identity;

public sealed class CertificateAuthorityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WorkloadIdentity Frontend = new("cluster.local", "shop", "frontend");
    private readonly FakeTimeProvider time = new(Now);
    private readonly CertificateAuthority ca;
    private readonly string directory = Directory.CreateTempSubdirectory("junction-ca-").FullName;

    public CertificateAuthorityTests()
    {
        ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
    }

    [SkippableFact]
    public void IssueWithNewKey_OpenSsl_VerifiesTheLeafForClientAndServerUse()
    {
        Skip.IfNot(OpenSsl.Installed, "openssl is not installed");
        time.SetUtcNow(DateTimeOffset.UtcNow); // openssl checks validity against the real clock
        var leaf = ca.IssueWithNewKey(Frontend);
        var caFile = Write("ca.pem", ca.RootCertificatePem);
        var leafFile = Write("leaf.pem", leaf.Certificate.CertificatePem);

        foreach (var purpose in new[] { "sslclient", "sslserver" })
        {
            var (exit, output) = OpenSsl.Run("verify", "-CAfile", caFile, "-purpose", purpose, leafFile);
            Assert.True(exit == 0, output);
            Assert.Contains(": OK", output, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void IssueWithNewKey_OpenSsl_ShowsSpiffeUriAsTheOnlySanAndSaDotNsAsCn()
    {
        Skip.IfNot(OpenSsl.Installed, "openssl is not installed");
        var leafFile = Write("leaf.pem", ca.IssueWithNewKey(Frontend).Certificate.CertificatePem);

        var (exit, output) = OpenSsl.Run("x509", "-in", leafFile, "-noout", "-subject", "-ext", "subjectAltName,extendedKeyUsage,basicConstraints");

        Assert.True(exit == 0, output);
        Assert.Contains("CN = frontend.shop", output, StringComparison.Ordinal);
        Assert.Contains("URI:spiffe://cluster.local/ns/shop/sa/frontend", output, StringComparison.Ordinal);
        Assert.DoesNotContain("DNS:", output, StringComparison.Ordinal);
        Assert.Contains("TLS Web Server Authentication, TLS Web Client Authentication", output, StringComparison.Ordinal);
        Assert.Contains("CA:FALSE", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Leaf_OfAnotherCa_OpenSslRefuses()
    {
        Skip.IfNot(OpenSsl.Installed, "openssl is not installed");
        time.SetUtcNow(DateTimeOffset.UtcNow);
        using var other = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        var caFile = Write("ca.pem", ca.RootCertificatePem);
        var foreign = Write("foreign.pem", other.IssueWithNewKey(Frontend).Certificate.CertificatePem);

        var (exit, output) = OpenSsl.Run("verify", "-CAfile", caFile, foreign);

        Assert.NotEqual(0, exit);
        Assert.Contains("unable to get local issuer certificate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void IssueWithNewKey_DefaultOptions_ValidFor24HoursFromFiveMinutesBeforeNow()
    {
        var leaf = ca.IssueWithNewKey(Frontend).Certificate;

        Assert.Equal(Now - TimeSpan.FromMinutes(5), leaf.NotBefore);
        Assert.Equal(Now + TimeSpan.FromHours(24), leaf.NotAfter);
        using var parsed = X509Certificate2.CreateFromPem(leaf.CertificatePem);
        Assert.Equal(leaf.NotAfter.UtcDateTime, parsed.NotAfter.ToUniversalTime());
        Assert.Equal(Now + TimeSpan.FromHours(12) - TimeSpan.FromMinutes(2.5), leaf.RenewAfter); // half of 24 h 5 min after notBefore
    }

    [Fact]
    public void IssueWithNewKey_RootExpiresFirst_LeafEndsWithTheRoot()
    {
        using var shortRoot = CertificateAuthority.Create(new CertificateAuthorityOptions { RootLifetime = TimeSpan.FromHours(2) }, time);

        var leaf = shortRoot.IssueWithNewKey(Frontend).Certificate;

        Assert.Equal(shortRoot.RootNotAfter, leaf.NotAfter);
    }

    [Fact]
    public void Sign_CsrForTheCallersOwnIdentity_IssuesThatIdentityOnly()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Csr(key, "CN=frontend.shop", uri: Frontend.SpiffeId);

        var issued = ca.Sign(csr, Frontend);

        using var parsed = X509Certificate2.CreateFromPem(issued.CertificatePem);
        Assert.Equal(Frontend, issued.Identity);
        Assert.Equal("CN=frontend.shop, O=junction", parsed.Subject);
        using var publicKey = parsed.GetECDsaPublicKey()!;
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), publicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal("spiffe://cluster.local/ns/shop/sa/frontend", SanUri(parsed));
    }

    [Fact]
    public void Sign_CsrWithoutNames_IssuesTheAuthenticatedIdentity()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var issued = ca.Sign(Csr(key, ""), Frontend);

        using var parsed = X509Certificate2.CreateFromPem(issued.CertificatePem);
        Assert.Equal(Frontend.SpiffeId, SanUri(parsed));
    }

    [Theory]
    [InlineData("CN=payments.shop", null, null, "subject CN \"payments.shop\" is not the caller's identity")]
    [InlineData("", "spiffe://cluster.local/ns/shop/sa/payments", null, "the caller is spiffe://cluster.local/ns/shop/sa/frontend")]
    [InlineData("", null, "admin.shop.svc", "subjectAltName asks for DNS:admin.shop.svc")]
    public void Sign_CsrAsksForAnotherName_IsRefusedNamingIt(string subject, string? uri, string? dns, string expected)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var refused = Assert.Throws<SigningRefusedException>(() => ca.Sign(Csr(key, subject, uri, dns), Frontend));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TamperedCsr_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = Convert.FromBase64String(string.Concat(Csr(key, "CN=frontend.shop").Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        der[^5] ^= 0x55; // inside the signature
        var tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + Convert.ToBase64String(der) + "\n-----END CERTIFICATE REQUEST-----\n";

        var refused = Assert.Throws<SigningRefusedException>(() => ca.Sign(tampered, Frontend));

        Assert.StartsWith("csr: not a PEM PKCS#10 request with a valid signature", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_Rsa1024Key_IsRefusedAsTooWeak()
    {
        using var key = RSA.Create(1024);
        var request = new CertificateRequest("CN=frontend.shop", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var refused = Assert.Throws<SigningRefusedException>(() => ca.Sign(request.CreateSigningRequestPem(), Frontend));

        Assert.Equal("csr: RSA key of 1024 bits is too weak; use 2048 bits or more", refused.Message);
    }

    [Fact]
    public void Sign_IdentityOfAnotherTrustDomain_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var refused = Assert.Throws<SigningRefusedException>(() => ca.Sign(Csr(key, ""), Frontend with { TrustDomain = "evil.example" }));

        Assert.Contains("trust domain \"evil.example\" is not this CA's \"cluster.local\"", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TheCaSecretsPem_SignsLeavesThatChainToTheSameRoot()
    {
        using var loaded = CertificateAuthority.Load(ca.RootCertificatePem, ca.RootPrivateKeyPem, new CertificateAuthorityOptions(), time);
        using var root = X509Certificate2.CreateFromPem(ca.RootCertificatePem);
        using var leaf = X509Certificate2.CreateFromPem(loaded.IssueWithNewKey(Frontend).Certificate.CertificatePem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;

        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(ca.RootCertificatePem, loaded.RootCertificatePem);
    }

    [Fact]
    public void Load_KeyOfAnotherCa_IsRefused()
    {
        using var other = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);

        var refused = Assert.Throws<ArgumentException>(() => CertificateAuthority.Load(ca.RootCertificatePem, other.RootPrivateKeyPem, new CertificateAuthorityOptions(), time));

        Assert.Equal("the CA Secret's private key does not belong to its certificate", refused.Message);
    }

    [Fact]
    public void Load_LeafInsteadOfRoot_IsRefused()
    {
        var leaf = ca.IssueWithNewKey(Frontend);

        var refused = Assert.Throws<ArgumentException>(() => CertificateAuthority.Load(leaf.Certificate.CertificatePem, leaf.PrivateKeyPem, new CertificateAuthorityOptions(), time));

        Assert.Contains("not a CA certificate", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuedKeyPair_ToString_NeverShowsThePrivateKey()
    {
        var pair = ca.IssueWithNewKey(Frontend);

        Assert.DoesNotContain("PRIVATE KEY", pair.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(pair.Certificate.CertificatePem, pair.HAProxyPem, StringComparison.Ordinal);
        Assert.EndsWith("-----END PRIVATE KEY-----", pair.HAProxyPem.TrimEnd(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void IdentityFiles_HAProxy_LoadsThemForAStrictMtlsListener()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var tls = Write("tls.pem", ca.IssueWithNewKey(Frontend).HAProxyPem);
        var caFile = Write("ca.pem", ca.RootCertificatePem);
        var config = Write("haproxy.cfg", $"""
            defaults
                mode http
                timeout connect 1s
                timeout client 1s
                timeout server 1s
            frontend inbound_mtls
                bind 127.0.0.1:15999 ssl crt {tls} ca-file {caFile} verify required
                http-request deny unless {"{"} ssl_c_s_dn(CN) -m str frontend.shop {"}"}
                default_backend app
            backend app
                server app 127.0.0.1:8080 ssl crt {tls} ca-file {caFile} verify required

            """);

        var (exit, output) = HAProxyProcess.Check(config);

        Assert.True(exit == 0, output);
    }

    public void Dispose()
    {
        ca.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Csr(ECDsa key, string subject, string? uri = null, string? dns = null)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (uri is not null || dns is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            if (uri is not null)
            {
                names.AddUri(new Uri(uri));
            }

            if (dns is not null)
            {
                names.AddDnsName(dns);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        return request.CreateSigningRequestPem();
    }

    private static string SanUri(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.First(e => e.Oid?.Value == "2.5.29.17");
        var reader = new System.Formats.Asn1.AsnReader(san.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var tag = new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 6);
        var uri = reader.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, tag);
        Assert.False(reader.HasData, "the SAN holds more than the SPIFFE URI");
        return uri;
    }
}
