using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// Outbound capture and routing through the client's real sidecar, over mTLS to the server's real
/// sidecar (routing.yaml: /preview → checkout-v2, the rest → checkout v1; both Strict).
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshOutboundTests(MeshBedFixture fixture)
{
    private const string FrontendIdentity = "URI=spiffe://cluster.local/ns/shop/sa/frontend";

    [SkippableFact]
    public async Task ServiceName_IsCapturedAndRoutedByHost_OverMtlsWithTheClientsIdentity()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("routing.yaml")]);
        bed.ClearRequests();

        var answer = await bed.Pod("client").CurlAsync("http://checkout/orders/7");

        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("v1", answer.Field("version"));
        Assert.Equal("/orders/7", answer.Field("path"));
        // Only the server's sidecar can have set this: it terminated mTLS and read the client certificate's SPIFFE URI.
        Assert.Equal(FrontendIdentity, answer.Field("xfcc"));
        var seen = Assert.Single(bed.App("checkout-v1").Requests);
        Assert.Equal(FrontendIdentity, seen.Header("X-Forwarded-Client-Cert"));
        Assert.Empty(bed.App("checkout-v2").Requests);
    }

    [SkippableFact]
    public async Task ClusterIpWithAnUnknownHost_IsRoutedByTheOriginalDestination()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("routing.yaml")]);
        bed.ClearRequests();

        // No host.map entry for this Host: only dst.map (10.78.0.11:80 → checkout) can route it.
        // Passed through instead, it would reach checkout-v1 in plain text and its Strict inbound would refuse it.
        var answer = await bed.Pod("client").CurlAsync("http://10.78.0.11/by-ip", extra: ["-H", "Host: not-a-service.example"]);

        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("v1", answer.Field("version"));
        Assert.Equal(FrontendIdentity, answer.Field("xfcc"));
        Assert.Equal(1, bed.App("checkout-v1").Hits("/by-ip"));
    }

    [SkippableFact]
    public async Task PathRoute_SendsPreviewToTheOtherVersion()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("routing.yaml")]);
        bed.ClearRequests();

        var preview = await bed.Pod("client").CurlAsync("http://checkout.shop.svc.cluster.local/preview/cart");
        var other = await bed.Pod("client").CurlAsync("http://checkout.shop.svc.cluster.local/cart");

        Assert.True(preview.Status == 200, preview.ToString());
        Assert.Equal("v2", preview.Field("version"));
        Assert.Equal(FrontendIdentity, preview.Field("xfcc"));
        Assert.Equal("v1", other.Field("version"));
        Assert.Equal(1, bed.App("checkout-v2").Hits("/preview/cart"));
        Assert.Equal(1, bed.App("checkout-v1").Hits("/cart"));
    }

    [SkippableFact]
    public async Task ForgedClientCertHeader_FromTheClient_IsReplacedByTheVerifiedIdentity()
    {
        var bed = fixture.Require();
        await bed.ApplyAsync([MeshFiles.Policy("routing.yaml")]);
        bed.ClearRequests();

        var answer = await bed.Pod("client").CurlAsync("http://checkout/forged", extra: ["-H", "X-Forwarded-Client-Cert: URI=spiffe://cluster.local/ns/shop/sa/admin"]);

        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal(FrontendIdentity, answer.Field("xfcc"));
    }
}
