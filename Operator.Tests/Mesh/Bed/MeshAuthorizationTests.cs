using Junction.Mesh.Identity;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// Inbound authorization on checkout (testdata/mesh/authorization.yaml): shop/frontend may GET
/// /orders/* and POST /orders/submit, nothing else is allowed. The meshed client calls through
/// its sidecar; other identities call from the un-meshed pod with certificates of the bed's CA.
/// </summary>
[Trait("Category", "Mesh")]
[Collection(MeshBedCollection.Name)]
public sealed class MeshAuthorizationTests(MeshBedFixture fixture)
{
    [SkippableFact]
    public async Task AllowedIdentityMethodAndPath_Gets200()
    {
        var bed = await ArrangeAsync();
        var client = bed.Pod("client");

        var get = await client.CurlAsync("http://checkout/orders/17");
        var post = await client.CurlAsync("http://checkout/orders/submit", extra: ["-X", "POST", "-d", "x=1"]);

        Assert.True(get.Status == 200, get.ToString());
        Assert.Equal("/orders/17", get.Field("path"));
        Assert.True(post.Status == 200, post.ToString());
        Assert.Equal(1, bed.App("checkout-v1").Hits("/orders/submit", "POST"));
    }

    [SkippableFact]
    public async Task AllowedIdentityWrongMethod_Gets403AndNeverReachesTheApp()
    {
        var bed = await ArrangeAsync();
        var client = bed.Pod("client");

        var delete = await client.CurlAsync("http://checkout/orders/17", extra: ["-X", "DELETE"]);
        var put = await client.CurlAsync("http://checkout/orders/submit/../submit", extra: ["-X", "PUT", "--path-as-is"]);

        Assert.True(delete.Status == 403, delete.ToString());
        Assert.True(put.Status == 403, put.ToString());
        Assert.Empty(bed.App("checkout-v1").Requests);
    }

    [SkippableFact]
    public async Task AllowedIdentityWrongPath_Gets403()
    {
        var bed = await ArrangeAsync();
        var client = bed.Pod("client");

        var admin = await client.CurlAsync("http://checkout/admin");
        var bare = await client.CurlAsync("http://checkout/orders");

        Assert.True(admin.Status == 403, admin.ToString());
        Assert.True(bare.Status == 403, "/orders/* does not cover /orders itself: " + bare);
        Assert.Empty(bed.App("checkout-v1").Requests);
    }

    [SkippableFact]
    public async Task OtherIdentities_Get403WhileFrontendFromTheSamePodGets200()
    {
        var bed = await ArrangeAsync();
        var legacy = bed.Pod("legacy");
        var target = $"{bed.Pod("checkout-v1").Address}:8080";

        var frontend = await Caller(bed, legacy, "frontend").CurlAsync(target, "/orders/1");
        // The principal ends with "|" in the map, so a name that merely starts with "frontend" is another identity.
        var evil = await Caller(bed, legacy, "frontend-evil").CurlAsync(target, "/orders/1");
        var checkout = await Caller(bed, legacy, "checkout").CurlAsync(target, "/orders/1");
        var otherNamespace = await Caller(bed, legacy, "frontend", ns: "shop-evil").CurlAsync(target, "/orders/1");

        Assert.True(frontend.Status == 200, frontend.ToString());
        Assert.True(evil.Status == 403, evil.ToString());
        Assert.True(checkout.Status == 403, checkout.ToString());
        Assert.True(otherNamespace.Status == 403, otherNamespace.ToString());
        Assert.Equal(1, bed.App("checkout-v1").Hits("/orders/1"));
    }

    // A trick is beaten when the request is refused, or when what reaches the app is a path the
    // rules allow. Unreserved percent-escapes are decoded first, so "%2e%2e" is a ".." segment.
    [SkippableTheory]
    [InlineData("/orders/../admin")]
    [InlineData("/orders/./../admin")]
    [InlineData("/orders/1/../../admin")]
    [InlineData("/orders//../admin")]
    [InlineData("//admin")]
    [InlineData("/orders/..//admin")]
    [InlineData("/orders/%2e%2e/admin")]
    [InlineData("/orders/%2E%2E/admin")]
    public async Task DotDotAndDoubleSlashTricks_DoNotReachADeniedPath(string path)
    {
        var bed = await ArrangeAsync();

        var tricked = await bed.Pod("client").CurlAsync("http://checkout" + path, extra: ["--path-as-is"]);

        var seen = bed.App("checkout-v1").Requests.Select(r => r.Path).ToList();
        Assert.True(tricked.Status is 403 or 200, $"{path}: " + tricked);
        Assert.True(tricked.Status == 403 || seen.All(p => p.StartsWith("/orders/", StringComparison.Ordinal)), $"{path} reached the app as {string.Join(", ", seen)}: " + tricked);
        Assert.DoesNotContain(seen, p => !p.StartsWith("/orders/", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("/orders/..%2Fadmin")]
    [InlineData("/orders/..%5cadmin")]
    [InlineData("/orders/..\\admin")]
    public async Task EncodedSeparatorOrBackslash_Gets400AndNeverReachesTheApp(string path)
    {
        var bed = await ArrangeAsync();

        var tricked = await bed.Pod("client").CurlAsync("http://checkout" + path, extra: ["--path-as-is"]);

        Assert.True(tricked.Status == 400, $"{path}: " + tricked);
        Assert.Empty(bed.App("checkout-v1").Requests);
    }

    [SkippableFact]
    public async Task MergedSlashesAndDotSegmentsInsideAnAllowedPath_AreNormalisedBeforeTheRules()
    {
        var bed = await ArrangeAsync();

        var merged = await bed.Pod("client").CurlAsync("http://checkout//orders//42", extra: ["--path-as-is"]);
        var dotted = await bed.Pod("client").CurlAsync("http://checkout/admin/../orders/43", extra: ["--path-as-is"]);

        Assert.True(merged.Status == 200, merged.ToString());
        Assert.Equal("/orders/42", merged.Field("path"));
        Assert.True(dotted.Status == 200, dotted.ToString());
        Assert.Equal("/orders/43", dotted.Field("path"));
    }

    private async Task<MeshBed> ArrangeAsync()
    {
        var bed = fixture.Require();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await bed.ApplyAsync([MeshFiles.Policy("authorization.yaml")], limit.Token);
        bed.ClearRequests();
        return bed;
    }

    private static MeshTlsCaller Caller(MeshBed bed, MeshPod from, string serviceAccount, string ns = "shop") =>
        MeshTlsCaller.With(from, bed.Authority.IssueWithNewKey(new WorkloadIdentity(MeshBed.ClusterDomain, ns, serviceAccount)), bed.Directory);
}
