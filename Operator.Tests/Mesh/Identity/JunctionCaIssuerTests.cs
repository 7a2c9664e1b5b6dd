using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Junction.Mesh.Identity;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Mesh.Identity;

public sealed class JunctionCaIssuerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WorkloadIdentity Frontend = new("cluster.local", "shop", "frontend");
    private readonly FakeTimeProvider time = new(Now);
    private readonly CertificateAuthority ca;
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly JunctionCaIssuer issuer;

    public JunctionCaIssuerTests()
    {
        ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        issuer = new JunctionCaIssuer(new Source(ca, ca.RootCertificatePem + "# extra roots\n"));
    }

    [Fact]
    public async Task IssueAsync_CsrWithoutNames_CertificateNamesTheAuthenticatedCaller()
    {
        var anonymous = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var issued = await issuer.IssueAsync(Frontend, anonymous, TimeSpan.FromHours(1), CancellationToken.None);

        using var leaf = X509Certificate2.CreateFromPem(issued.CertificateChainPem);
        Assert.Equal("CN=frontend.shop, O=junction", leaf.Subject);
        var uris = new List<string>();
        WorkloadCsr.ReadGeneralNames(leaf.Extensions.First(e => e.Oid?.Value == "2.5.29.17").RawData, uris, []);
        Assert.Equal(["spiffe://cluster.local/ns/shop/sa/frontend"], uris);
        Assert.True(leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()));
        Assert.Equal(issued.Identity, Frontend);
    }

    [Fact]
    public async Task IssueAsync_CsrSubjectNamesAnotherWorkload_IsRefusedNotHonoured()
    {
        var forged = WorkloadCsr.Create(new WorkloadIdentity("cluster.local", "kube-system", "admin"), key);

        var error = await Assert.ThrowsAsync<SigningRefusedException>(() => issuer.IssueAsync(Frontend, forged, TimeSpan.FromHours(1), CancellationToken.None));

        Assert.Contains("is not the caller's identity \"frontend.shop\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_CsrSignatureBroken_IsRefused()
    {
        var der = new CertificateRequest("CN=frontend.shop", key, HashAlgorithmName.SHA256).CreateSigningRequest();
        der[^1] ^= 0x01; // the last byte belongs to the signature
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        var error = await Assert.ThrowsAsync<SigningRefusedException>(() => issuer.IssueAsync(Frontend, tampered, TimeSpan.FromHours(1), CancellationToken.None));

        Assert.StartsWith("csr: not a PEM PKCS#10 request with a valid signature", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(72)]
    public async Task IssueAsync_Lifetime_IsTheLeafsValidityAfterNow(int hours)
    {
        var issued = await issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(hours), CancellationToken.None);

        Assert.Equal(Now + TimeSpan.FromHours(hours), issued.NotAfter);
        Assert.Equal(Now - TimeSpan.FromMinutes(5), issued.NotBefore);
        using var leaf = X509Certificate2.CreateFromPem(issued.CertificateChainPem);
        Assert.Equal(issued.NotAfter, new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

    [Fact]
    public async Task IssueAsync_LifetimeBeyondTheMaximum_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromDays(8), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task IssueAsync_CaBundle_IsThePublishedTrustBundle()
    {
        var issued = await issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(ca.RootCertificatePem + "# extra roots\n", issued.CaBundlePem);
    }

    [SkippableFact]
    public async Task IssueAsync_OpenSsl_VerifiesTheChainWithTheBundle()
    {
        Skip.IfNot(OpenSsl.Installed, "openssl is not installed");
        time.SetUtcNow(DateTimeOffset.UtcNow); // openssl checks validity against the real clock
        var issued = await issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), CancellationToken.None);
        var dir = Directory.CreateTempSubdirectory("junction-ca-issuer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "ca.pem"), ca.RootCertificatePem);
            File.WriteAllText(Path.Combine(dir, "leaf.pem"), issued.CertificateChainPem);

            var (exit, output) = OpenSsl.Run("verify", "-CAfile", Path.Combine(dir, "ca.pem"), "-purpose", "sslclient", Path.Combine(dir, "leaf.pem"));

            Assert.True(exit == 0, output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public void Dispose()
    {
        ca.Dispose();
        key.Dispose();
    }

    private sealed class Source(CertificateAuthority ca, string bundle) : ICertificateAuthoritySource
    {
        public string? TrustBundlePem => bundle;

        public Task<CertificateAuthority> GetAsync(CancellationToken ct) => Task.FromResult(ca);
    }
}
