using Junction.Mesh.Identity;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// Inbound mTLS with real traffic on the bed: strict refuses plaintext, a missing certificate and
/// a certificate of another CA; permissive lets plaintext through to identity-free rules only; a
/// client-sent X-Forwarded-Client-Cert never reaches the app. Callers without a sidecar run in
/// the un-meshed legacy pod and dial checkout-v1's pod address, which its capture rules send to
/// the sidecar's inbound port.
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshSecurityTests(MeshBedFixture fixture)
{
    private const string Frontend = "spiffe://cluster.local/ns/shop/sa/frontend";

    [SkippableFact]
    public async Task Strict_PlaintextFromUnmeshedPod_IsRefusedWhileTheMeshedClientGetsThrough()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("security-strict.yaml")], limit.Token);
        bed.ClearRequests();

        var plain = await bed.Pod("legacy").CurlAsync($"http://{Server(bed)}/plain", maxSeconds: 4, ct: limit.Token);
        var meshed = await bed.Pod("client").CurlAsync("http://checkout/meshed", ct: limit.Token);

        Assert.True(plain.Status == 0, "plaintext to a strict pod must get no HTTP answer: " + plain);
        Assert.Equal(0, bed.App("checkout-v1").Hits("/plain"));
        Assert.True(meshed.Status == 200, meshed.ToString());
        Assert.Equal("URI=" + Frontend, meshed.Field("xfcc"));
    }

    [SkippableFact]
    public async Task Strict_NoClientCertificate_IsRefused()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("security-strict.yaml")], limit.Token);
        bed.ClearRequests();

        var anonymous = await MeshTlsCaller.Anonymous(bed.Pod("legacy")).CurlAsync(Server(bed), "/anonymous", ct: limit.Token);

        Assert.True(anonymous.Status == 0, "TLS without a client certificate must be refused: " + anonymous);
        Assert.Equal(0, bed.App("checkout-v1").Hits("/anonymous"));
    }

    [SkippableFact]
    public async Task Strict_CertificateOfAnotherCa_IsRefusedWhileTheSameIdentityFromTheMeshCaIsAccepted()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("security-strict.yaml")], limit.Token);
        bed.ClearRequests();
        var identity = new WorkloadIdentity(MeshBed.ClusterDomain, "shop", "frontend");
        using var otherCa = CertificateAuthority.Create(new CertificateAuthorityOptions { TrustDomain = MeshBed.ClusterDomain }, TimeProvider.System);
        var legacy = bed.Pod("legacy");

        var forged = await MeshTlsCaller.With(legacy, otherCa.IssueWithNewKey(identity), bed.Directory).CurlAsync(Server(bed), "/other-ca", ct: limit.Token);
        var genuine = await MeshTlsCaller.With(legacy, bed.Authority.IssueWithNewKey(identity), bed.Directory).CurlAsync(Server(bed), "/mesh-ca", ct: limit.Token);

        Assert.True(forged.Status == 0, "a certificate of another CA must fail the handshake: " + forged);
        Assert.Equal(0, bed.App("checkout-v1").Hits("/other-ca"));
        Assert.True(genuine.Status == 200, genuine.ToString());
        Assert.Equal("URI=" + Frontend, genuine.Field("xfcc"));
    }

    [SkippableFact]
    public async Task Mtls_ForgedClientCertHeader_IsReplacedByTheVerifiedIdentity()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("security-strict.yaml")], limit.Token);
        bed.ClearRequests();
        string[] forge = ["-H", "X-Forwarded-Client-Cert: URI=spiffe://cluster.local/ns/shop/sa/admin"];

        var throughSidecar = await bed.Pod("client").CurlAsync("http://checkout/forged", extra: forge, ct: limit.Token);
        var direct = await MeshTlsCaller.With(bed.Pod("legacy"), bed.Authority.IssueWithNewKey(new WorkloadIdentity(MeshBed.ClusterDomain, "shop", "legacy")), bed.Directory)
            .CurlAsync(Server(bed), "/forged-direct", forge, limit.Token);

        Assert.True(throughSidecar.Status == 200, throughSidecar.ToString());
        Assert.Equal("URI=" + Frontend, throughSidecar.Field("xfcc"));
        Assert.True(direct.Status == 200, direct.ToString());
        Assert.Equal("URI=spiffe://cluster.local/ns/shop/sa/legacy", direct.Field("xfcc"));
        Assert.All(bed.App("checkout-v1").Requests, r => Assert.DoesNotContain("sa/admin", r.Header("X-Forwarded-Client-Cert") ?? "", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Permissive_PlaintextMatchesIdentityFreeRulesOnly()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("security-permissive.yaml")], limit.Token);
        bed.ClearRequests();
        var legacy = bed.Pod("legacy");

        var plainPublic = await legacy.CurlAsync($"http://{Server(bed)}/public/info", ct: limit.Token);
        var plainOrders = await legacy.CurlAsync($"http://{Server(bed)}/orders/1", ct: limit.Token);
        var meshedOrders = await bed.Pod("client").CurlAsync("http://checkout/orders/1", ct: limit.Token);

        Assert.True(plainPublic.Status == 200, "permissive accepts plaintext for an identity-free rule: " + plainPublic);
        Assert.Equal("", plainPublic.Field("xfcc"));
        Assert.True(plainOrders.Status == 403, "a plaintext caller has no identity, so the identity rule must not match: " + plainOrders);
        Assert.True(meshedOrders.Status == 200, "the same path over mTLS as shop/frontend: " + meshedOrders);
        Assert.Equal("URI=" + Frontend, meshedOrders.Field("xfcc"));
        Assert.Equal(1, bed.App("checkout-v1").Hits("/orders/1", "GET"));
    }

    [SkippableFact]
    public async Task Permissive_ForgedClientCertHeaderOnPlaintext_IsStripped()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("security-permissive.yaml")], limit.Token);
        bed.ClearRequests();

        var forged = await bed.Pod("legacy").CurlAsync(
            $"http://{Server(bed)}/public/forged",
            extra: ["-H", "X-Forwarded-Client-Cert: URI=" + Frontend],
            ct: limit.Token);

        Assert.True(forged.Status == 200, forged.ToString());
        Assert.Equal("", forged.Field("xfcc"));
        var seen = Assert.Single(bed.App("checkout-v1").Requests, r => r.Path == "/public/forged");
        Assert.Null(seen.Header("X-Forwarded-Client-Cert"));
    }

    private static string Server(MeshBed bed) => $"{bed.Pod("checkout-v1").Address}:8080";
}
