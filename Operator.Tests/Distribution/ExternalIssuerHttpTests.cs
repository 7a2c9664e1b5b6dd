using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Junction.Mesh.Identity;
using Xunit;

namespace Junction.Tests.Distribution;

/// <summary><c>POST /v1/identity</c> when cert-manager (any issuer other than Junction's CA) signs.</summary>
public sealed class ExternalIssuerHttpTests
{
    [Fact]
    public async Task Identity_ExternalIssuer_SignsTheTokensIdentityAndItsBundleIsReturned()
    {
        var issuer = new OtherCaIssuer();
        await using var api = await StartedAsync(issuer);
        using var client = api.Client("gw-token");

        using var response = await client.PostAsJsonAsync("/v1/identity", new { csr = Csr() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var asked = Assert.Single(issuer.Asked);
        Assert.Equal("spiffe://cluster.local/ns/shop/sa/gw", asked.SpiffeId);
        Assert.Equal(issuer.Authority.RootCertificatePem, body.GetProperty("caBundle").GetString());
        using var leaf = X509Certificate2.CreateFromPem(body.GetProperty("certificate").GetString());
        using var root = X509Certificate2.CreateFromPem(issuer.Authority.RootCertificatePem);
        Assert.Equal(root.SubjectName.Name, leaf.IssuerName.Name);
    }

    [Fact]
    public async Task Identity_ExternalIssuerFails_Answers503NamingTheIssuerAndItsReason()
    {
        var issuer = new OtherCaIssuer { Failure = "CertificateRequest junction-system/jx-1 was denied: policy says no" };
        await using var api = await StartedAsync(issuer);
        using var client = api.Client("gw-token");

        using var response = await client.PostAsJsonAsync("/v1/identity", new { csr = Csr() });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString();
        Assert.Contains("issuer cert-manager ClusterIssuer/mesh", message, StringComparison.Ordinal);
        Assert.Contains("policy says no", message, StringComparison.Ordinal);
    }

    private static async Task<DistributionHarness> StartedAsync(IWorkloadCertificateIssuer issuer)
    {
        var api = await DistributionHarness.StartAsync(externalIssuer: issuer);
        api.Reviewer.Add("gw-token", "shop", "gw", "checkout-proxy-abc");
        return api;
    }

    private static string Csr()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest("CN=gw.shop", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }

    // Another CA standing in for cert-manager: what it signs chains to its own root, not Junction's.
    private sealed class OtherCaIssuer : IWorkloadCertificateIssuer
    {
        public CertificateAuthority Authority { get; } = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);

        public List<WorkloadIdentity> Asked { get; } = [];

        public string? Failure { get; init; }

        public string Description => "cert-manager ClusterIssuer/mesh";

        public Task<IssuedWorkloadCertificate> IssueAsync(WorkloadIdentity identity, string csrPem, TimeSpan lifetime, CancellationToken cancellationToken)
        {
            Asked.Add(identity);
            if (Failure is not null)
            {
                throw new CertificateIssuanceException(Failure);
            }

            var issued = Authority.Sign(csrPem, identity, lifetime);
            return Task.FromResult(new IssuedWorkloadCertificate(identity, issued.CertificatePem, Authority.RootCertificatePem, issued.NotBefore, issued.NotAfter));
        }
    }
}
