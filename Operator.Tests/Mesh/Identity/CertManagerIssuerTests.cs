using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer;
using Junction.Mesh.Identity;
using Junction.Tests.Reconciliation;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Junction.Tests.Mesh.Identity;

/// <summary>
/// The cert-manager issuer against the embedded API server, which serves cert-manager's CertificateRequest
/// CRD from test data, with <see cref="FakeCertManager"/> playing cert-manager's approver and CA issuer.
/// </summary>
public sealed class CertManagerIssuerTests : IAsyncLifetime
{
    private const string OperatorNamespace = "junction-system";
    private static readonly WorkloadIdentity Frontend = new("cluster.local", "shop", "frontend");
    private static readonly CertManagerIssuerReference MeshIssuer = new("ClusterIssuer", "mesh-ca");
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string directory = Directory.CreateTempSubdirectory("junction-cm-").FullName;
    private InMemoryApiServer server = null!;
    private Kubernetes client = null!;
    private FakeCertManager certManager = null!;
    private readonly CancellationTokenSource limit = new(TimeSpan.FromSeconds(60));

    public async Task InitializeAsync()
    {
        server = await InMemoryApiServer.StartAsync(new ApiServerOptions
        {
            CrdPaths = [Path.Combine(AppContext.BaseDirectory, "testdata", "certmanager", "certificaterequests.cert-manager.io.yaml")],
            Namespaces = ["default", OperatorNamespace],
        });
        client = LocalCluster.NewClient(server);
        certManager = new FakeCertManager(client, OperatorNamespace);
    }

    public async Task DisposeAsync()
    {
        await certManager.DisposeAsync();
        client.Dispose();
        await server.DisposeAsync();
        key.Dispose();
        limit.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task IssueAsync_Approved_CreatesTheRequestCertManagerExpectsAndReturnsItsCertificate()
    {
        var csr = WorkloadCsr.Create(Frontend, key);

        var issued = await Issuer().IssueAsync(Frontend, csr, TimeSpan.FromHours(1), Timeout());

        var request = Assert.Single(certManager.Seen);
        Assert.Equal(OperatorNamespace, request["metadata"]!["namespace"]!.GetValue<string>());
        Assert.StartsWith("junction-frontend-shop-", request["metadata"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Frontend.SpiffeId, request["metadata"]!["annotations"]![CertManagerIssuer.IdentityAnnotation]!.GetValue<string>());
        var spec = request["spec"]!;
        Assert.Equal(csr, Encoding.ASCII.GetString(Convert.FromBase64String(spec["request"]!.GetValue<string>())));
        Assert.Equal("mesh-ca", spec["issuerRef"]!["name"]!.GetValue<string>());
        Assert.Equal("ClusterIssuer", spec["issuerRef"]!["kind"]!.GetValue<string>());
        Assert.Equal("cert-manager.io", spec["issuerRef"]!["group"]!.GetValue<string>());
        Assert.Equal("1h0m0s", spec["duration"]!.GetValue<string>());
        Assert.Equal(["digital signature", "key encipherment", "client auth", "server auth"], spec["usages"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.False(spec["isCA"]!.GetValue<bool>());

        using var leaf = X509Certificate2.CreateFromPem(issued.CertificateChainPem);
        Assert.Equal("CN=frontend.shop", leaf.Subject);
        Assert.Equal(certManager.CaPem, issued.CaBundlePem);
        Assert.Equal(new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), issued.NotAfter);
        Assert.InRange(issued.NotAfter - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.True(leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()));
        Assert.Empty(await RequestsAsync()); // one-shot: deleted once read
    }

    [SkippableFact]
    public async Task IssueAsync_IssuedChain_OpenSslVerifiesItWithTheCaBundleForClientAndServer()
    {
        Skip.IfNot(OpenSsl.Installed, "openssl is not installed");
        var issued = await Issuer().IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(24), Timeout());
        var caFile = Write("ca.pem", issued.CaBundlePem);
        var chainFile = Write("chain.pem", issued.CertificateChainPem);

        foreach (var purpose in new[] { "sslclient", "sslserver" })
        {
            var (exit, output) = OpenSsl.Run("verify", "-CAfile", caFile, "-purpose", purpose, chainFile);
            Assert.True(exit == 0, output);
        }

        var (_, text) = OpenSsl.Run("x509", "-in", chainFile, "-noout", "-ext", "subjectAltName");
        Assert.Contains("URI:spiffe://cluster.local/ns/shop/sa/frontend", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_Denied_FailsNamingTheRequestAndTheApproversMessage()
    {
        certManager.Behaviour = FakeCertManager.Mode.Deny;

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() => Issuer().IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout()));

        var name = Assert.Single(certManager.Seen)["metadata"]!["name"]!.GetValue<string>();
        Assert.Contains($"CertificateRequest {OperatorNamespace}/{name} was denied", error.Message, StringComparison.Ordinal);
        Assert.Contains("No policy approved this request", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task IssueAsync_IssuerFails_FailsWithCertManagersMessage()
    {
        certManager.Behaviour = FakeCertManager.Mode.Fail;

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() => Issuer().IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout()));

        Assert.Contains("failed (Failed): Failed to sign certificate: issuer secret not found", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task IssueAsync_NobodyApproves_TimesOutSayingSoAndDeletesTheRequest()
    {
        certManager.Behaviour = FakeCertManager.Mode.Ignore;
        var started = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() =>
            Issuer(timeout: TimeSpan.FromSeconds(1)).IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout()));

        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Contains("was not issued within 1 s: nobody approved it", error.Message, StringComparison.Ordinal);
        Assert.Single(certManager.Seen);
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task IssueAsync_CsrForAnotherIdentity_IsRefusedBeforeAnyRequestIsMade()
    {
        var other = WorkloadCsr.Create(new WorkloadIdentity("cluster.local", "kube-system", "admin"), key);

        var error = await Assert.ThrowsAsync<SigningRefusedException>(() => Issuer().IssueAsync(Frontend, other, TimeSpan.FromHours(1), Timeout()));

        Assert.Contains("CN=frontend.shop", error.Message, StringComparison.Ordinal);
        await Task.Delay(100, Timeout());
        Assert.Empty(certManager.Seen);
    }

    [Fact]
    public async Task IssueAsync_CsrWithoutSpiffeUri_IsRefusedBecauseCertManagerWouldOmitIt()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=frontend.shop", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var error = await Assert.ThrowsAsync<SigningRefusedException>(() => Issuer().IssueAsync(Frontend, request.CreateSigningRequestPem(), TimeSpan.FromHours(1), Timeout()));

        Assert.Contains("must hold exactly the URI spiffe://cluster.local/ns/shop/sa/frontend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_IssuerSignsAnotherName_IsRefused()
    {
        certManager.Behaviour = FakeCertManager.Mode.SignOtherName;

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() => Issuer().IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout()));

        Assert.Contains("names [spiffe://cluster.local/ns/kube-system/sa/admin], not only spiffe://cluster.local/ns/shop/sa/frontend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_ChainOfAnotherCaThanTheConfiguredSecret_IsRefusedNotMixed()
    {
        using var junctionCa = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
        var trust = new CertManagerTrustBundle("junction-system/mesh-ca", _ => Task.FromResult<string?>(junctionCa.RootCertificatePem), TimeProvider.System);

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() => Issuer(trust: trust).IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout()));

        Assert.Contains("does not verify against the trust bundle (Secret junction-system/mesh-ca key ca.crt)", error.Message, StringComparison.Ordinal);
        Assert.Equal(junctionCa.RootCertificatePem.TrimEnd() + "\n", await trust.GetTrustBundleAsync(Timeout()));
    }

    [Fact]
    public async Task IssueAsync_ConfiguredSecretWithTheIssuersCa_IsTheBundleEvenWithoutStatusCa()
    {
        certManager.Behaviour = FakeCertManager.Mode.SignWithoutCa;
        var trust = new CertManagerTrustBundle("junction-system/mesh-ca", _ => Task.FromResult<string?>(certManager.CaPem), TimeProvider.System);

        var issued = await Issuer(trust: trust).IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout());

        Assert.Equal(certManager.CaPem, issued.CaBundlePem);
    }

    [Fact]
    public async Task IssueAsync_NoStatusCaAndNoSecret_FailsNamingTheFlag()
    {
        certManager.Behaviour = FakeCertManager.Mode.SignWithoutCa;

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() => Issuer().IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout()));

        Assert.Contains("status.ca is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("--cert-manager-ca-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustBundle_WithoutSecret_IsUnknownUntilTheFirstIssueThenTheIssuersCa()
    {
        var trust = new CertManagerTrustBundle(null, null, TimeProvider.System);
        var changes = 0;
        trust.Changed += () => Interlocked.Increment(ref changes);
        Assert.Null(await trust.GetTrustBundleAsync(Timeout()));

        var issuer = Issuer(trust: trust);
        await issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout());
        await issuer.IssueAsync(Frontend, WorkloadCsr.Create(Frontend, key), TimeSpan.FromHours(1), Timeout());

        Assert.Equal(certManager.CaPem, await trust.GetTrustBundleAsync(Timeout()));
        Assert.Equal(1, changes);
    }

    [Theory]
    [InlineData("ClusterIssuer/mesh-ca", "ClusterIssuer", "mesh-ca")]
    [InlineData("Issuer/junction.mesh", "Issuer", "junction.mesh")]
    public void IssuerReference_KindAndName_AreParsed(string value, string kind, string name)
    {
        Assert.Equal(new CertManagerIssuerReference(kind, name), CertManagerIssuerReference.Parse(value, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("mesh-ca", "must be Issuer/<name> or ClusterIssuer/<name>, not \"mesh-ca\"")]
    [InlineData("clusterissuer/mesh-ca", "must be Issuer/<name> or ClusterIssuer/<name>, not \"clusterissuer/mesh-ca\"")]
    [InlineData("Issuer/Mesh_CA", "names Issuer \"Mesh_CA\", which is not a Kubernetes object name (lower case letters, digits, '-' and '.')")]
    [InlineData("Issuer/", "names Issuer \"\", which is not a Kubernetes object name (lower case letters, digits, '-' and '.')")]
    public void IssuerReference_Malformed_IsRefusedWithTheReason(string value, string message)
    {
        Assert.Null(CertManagerIssuerReference.Parse(value, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(1, "1h0m0s")]
    [InlineData(24, "24h0m0s")]
    [InlineData(0.5, "0h30m0s")]
    public void GoDuration_IsWhatMetav1DurationParses(double hours, string expected) =>
        Assert.Equal(expected, CertManagerIssuer.GoDuration(TimeSpan.FromHours(hours)));

    private CertManagerIssuer Issuer(TimeSpan? timeout = null, CertManagerTrustBundle? trust = null) => new(
        new CertificateRequestClient(client),
        new CertManagerIssuerOptions { Issuer = MeshIssuer, Namespace = OperatorNamespace, Timeout = timeout ?? TimeSpan.FromSeconds(20) },
        trust ?? new CertManagerTrustBundle(null, null, TimeProvider.System),
        TimeProvider.System,
        NullLogger<CertManagerIssuer>.Instance);

    private async Task<IReadOnlyList<JsonObject>> RequestsAsync()
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(CertificateRequestClient.Group, CertificateRequestClient.Version, OperatorNamespace, CertificateRequestClient.Plural, cancellationToken: Timeout());
        return [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    private CancellationToken Timeout() => limit.Token;

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
