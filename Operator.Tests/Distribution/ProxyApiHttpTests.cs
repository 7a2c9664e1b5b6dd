using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Junction.Distribution;
using Xunit;

namespace Junction.Tests.Distribution;

/// <summary>The proxy API over real HTTPS on 127.0.0.1: long-polls, refusals, reports, identities.</summary>
public sealed class ProxyApiHttpTests
{
    private const string Hash1 = "0123456789abcdef";
    private const string Hash2 = "fedcba9876543210";
    private const string Gateway = "gateway/shop/checkout-proxy";
    private static readonly ProxyKey GatewayKey = new(ProxyKind.Gateway, "shop", "checkout-proxy");

    [Fact]
    public async Task Config_HaveDiffers_AnswersAtOnceWithTheBundle()
    {
        await using var api = await StartedAsync();
        Publish(api, Hash1, 7);
        using var client = api.Client("gw-token");

        using var response = await client.GetAsync(ConfigUri(have: "", wait: 25));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Gateway, body.RootElement.GetProperty("proxy").GetString());
        Assert.Equal(Hash1, body.RootElement.GetProperty("hash").GetString());
        var generation = Assert.Single(body.RootElement.GetProperty("generations").EnumerateArray().ToList());
        Assert.Equal(("shop", "checkout", 7), (generation.GetProperty("namespace").GetString(), generation.GetProperty("name").GetString(), generation.GetProperty("generation").GetInt64()));
        var files = body.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["haproxy.cfg", "junction.lua"], files);
        Assert.True(api.Ledger.Includes(Hash1, new PolicyGeneration("shop", "checkout", 7)));
        Assert.Equal(0, api.Api.HeldPolls);
    }

    [Fact]
    public async Task Config_HaveIsCurrent_HoldsAndAnswersWhenTheBundleChanges()
    {
        await using var api = await StartedAsync();
        Publish(api, Hash1, 7);
        using var client = api.Client("gw-token");

        var poll = client.GetAsync(ConfigUri(have: Hash1, wait: 25));
        await api.HeldAsync(1);
        Assert.False(poll.IsCompleted);
        Publish(api, Hash2, 8);
        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Hash2, body.RootElement.GetProperty("hash").GetString());
        Assert.Equal(8, body.RootElement.GetProperty("generations")[0].GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Config_NothingChanges_NotModifiedWhenTheWaitEnds()
    {
        await using var api = await StartedAsync();
        Publish(api, Hash1, 7);
        using var client = api.Client("gw-token");

        var poll = client.GetAsync(ConfigUri(have: Hash1, wait: 10));
        await api.HeldAsync(1);
        api.Time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.False(poll.IsCompleted);
        api.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        await Eventually.True(() => api.Api.HeldPolls == 0, "the poll is released");
    }

    [Fact]
    public async Task Config_WaitAboveThirtySeconds_IsHeldThirtyAtMost()
    {
        await using var api = await StartedAsync();
        Publish(api, Hash1, 7);
        using var client = api.Client("gw-token");

        var poll = client.GetAsync(ConfigUri(have: Hash1, wait: 600));
        await api.HeldAsync(1);
        api.Time.Advance(TimeSpan.FromSeconds(30));
        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Config_NoToken_UnauthorizedWithJsonBody()
    {
        await using var api = await StartedAsync();
        using var client = api.Client(token: null);

        using var response = await client.GetAsync(ConfigUri(have: "", wait: 1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unauthorized", problem.GetProperty("error").GetString());
        Assert.Contains("no bearer token", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_UnknownToken_UnauthorizedSayingWhy()
    {
        await using var api = await StartedAsync();
        using var client = api.Client("stolen");

        using var response = await client.GetAsync(ConfigUri(have: "", wait: 1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("token not found", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway/shop/other-proxy", "is not the ServiceAccount the gateway's pods run as")]
    [InlineData("sidecar/shop/frontend", "may fetch only sidecar/shop/gw")]
    [InlineData("gateway/bank/checkout-proxy", "another namespace")]
    [InlineData("gateway/shop/nothing-proxy", "no gateway Deployment shop/nothing-proxy")]
    public async Task Config_AnotherProxysConfig_ForbiddenNamingIt(string proxy, string why)
    {
        await using var api = await StartedAsync();
        api.View.Gateways[("shop", "other-proxy")] = "other";
        api.View.Gateways[("bank", "checkout-proxy")] = "gw";
        using var client = api.Client("gw-token");

        using var response = await client.GetAsync($"/v1/config?proxy={proxy}&instance=checkout-proxy-abc&wait=1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Forbidden", problem.GetProperty("error").GetString());
        var message = problem.GetProperty("message").GetString();
        Assert.StartsWith(proxy + ":", message, StringComparison.Ordinal);
        Assert.Contains(why, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_InstanceOtherThanTheTokensPod_Forbidden()
    {
        await using var api = await StartedAsync();
        using var client = api.Client("gw-token");

        using var response = await client.GetAsync($"/v1/config?proxy={Gateway}&instance=checkout-proxy-xyz&wait=1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("the token was issued for pod \"checkout-proxy-abc\"", await MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_BeyondTheBurst_TooManyRequestsWithRetryAfter()
    {
        await using var api = await StartedAsync(new ProxyApiOptions { RatePerSecond = 0.5, RateBurst = 3 });
        using var client = api.Client("gw-token");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync("/v1/status", Status(Hash1, Hash1, null));
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Contains("TooManyRequests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], codes);
        api.Time.Advance(TimeSpan.FromSeconds(2));
        using var later = await client.PostAsJsonAsync("/v1/status", Status(Hash1, Hash1, null));
        Assert.Equal(HttpStatusCode.NoContent, later.StatusCode);
    }

    [Fact]
    public async Task Config_BeyondTheHeldPollBound_TooManyRequests()
    {
        await using var api = await StartedAsync(new ProxyApiOptions { MaxHeldPolls = 1 });
        Publish(api, Hash1, 7);
        using var client = api.Client("gw-token");

        var first = client.GetAsync(ConfigUri(have: Hash1, wait: 5));
        await api.HeldAsync(1);
        using var second = await client.GetAsync(ConfigUri(have: Hash1, wait: 5));
        api.Time.Advance(TimeSpan.FromSeconds(5));
        using var firstResponse = await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("polls are held already", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, firstResponse.StatusCode);
    }

    [Fact]
    public async Task Status_AckThenNack_RecordedAndNackCounted()
    {
        await using var api = await StartedAsync();
        using var client = api.Client("gw-token");
        var changed = new List<ProxyKey>();
        api.Reports.Changed += changed.Add;

        using var ack = await client.PostAsJsonAsync("/v1/status", Status(Hash1, Hash1, null));
        using var nack = await client.PostAsJsonAsync("/v1/status", Status(Hash1, Hash2, "[ALERT] parsing [haproxy.cfg:12]: unknown keyword 'bogus'"));
        using var heartbeat = await client.PostAsJsonAsync("/v1/status", Status(Hash1, Hash2, "[ALERT] parsing [haproxy.cfg:12]: unknown keyword 'bogus'"));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { ack.StatusCode, nack.StatusCode, heartbeat.StatusCode });
        var instance = Assert.Single(api.Reports.For(GatewayKey).Live);
        Assert.Equal(("checkout-proxy-abc", Hash1, Hash2), (instance.Instance, instance.Running, instance.Attempted));
        Assert.Contains("unknown keyword 'bogus'", instance.Error, StringComparison.Ordinal);
        Assert.Equal(1, api.Metrics.Nacks.WithLabels("gateway").Value);
        Assert.Equal([GatewayKey, GatewayKey], changed);
    }

    [Fact]
    public async Task Status_InstanceSilentForNinetySeconds_TurnsSilent()
    {
        await using var api = await StartedAsync();
        using var client = api.Client("gw-token");
        using var ack = await client.PostAsJsonAsync("/v1/status", Status(Hash1, Hash1, null));
        var changed = 0;
        api.Reports.Changed += _ => Interlocked.Increment(ref changed);

        api.Time.Advance(TimeSpan.FromSeconds(90));
        Assert.Single(api.Reports.For(GatewayKey).Live);
        api.Time.Advance(TimeSpan.FromSeconds(5));

        var snapshot = api.Reports.For(GatewayKey);
        Assert.Empty(snapshot.Live);
        Assert.Equal("checkout-proxy-abc", Assert.Single(snapshot.Silent).Instance);
        Assert.Equal(1, changed);
        Assert.Equal(0, api.Metrics.Connected.WithLabels("gateway").Value);
    }

    [Fact]
    public async Task Status_BodyAboveTheBound_PayloadTooLarge()
    {
        await using var api = await StartedAsync();
        using var client = api.Client("gw-token");
        var huge = new string('x', 100 * 1024);
        // As the agent sends it: with its length, so the refusal comes before the body (a body still
        // being written when the server answers and closes would end in a broken pipe instead).
        using var content = JsonContent.Create(Status(Hash1, Hash2, huge));
        await content.LoadIntoBufferAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/status") { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(api.Reports.For(GatewayKey).Live);
    }

    [Fact]
    public async Task Identity_Csr_SignedForTheTokensServiceAccountOnly()
    {
        await using var api = await StartedAsync();
        using var client = api.Client("gw-token");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=gw.shop", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        using var response = await client.PostAsJsonAsync("/v1/identity", new { csr });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var leaf = X509Certificate2.CreateFromPem(body.GetProperty("certificate").GetString());
        Assert.Contains("spiffe://cluster.local/ns/shop/sa/gw", Encoding.ASCII.GetString(leaf.Extensions["2.5.29.17"]!.RawData), StringComparison.Ordinal);
        Assert.Contains("BEGIN CERTIFICATE", body.GetProperty("caBundle").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(body.GetProperty("notAfter").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);

        var other = new CertificateRequest("CN=admin.kube-system", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var refused = await client.PostAsJsonAsync("/v1/identity", new { csr = other });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is not the caller's identity", await MessageAsync(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_Sidecar_ServesItsTranslationAndWakesWhenAPolicyChanges()
    {
        await using var api = await StartedAsync();
        api.Reviewer.Add("fe-token", "shop", "frontend", "frontend-1");
        api.View.Pods[("shop", "frontend-1")] = new() { ["app"] = "frontend" };
        using var client = api.Client("fe-token");

        using var first = await client.GetAsync("/v1/config?proxy=sidecar/shop/frontend&instance=frontend-1&wait=1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var bundle = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var hash = bundle.RootElement.GetProperty("hash").GetString()!;
        var config = bundle.RootElement.GetProperty("files")[0].GetProperty("content").GetString();
        Assert.Contains("description junction-sidecar hash=" + hash, config, StringComparison.Ordinal);
        Assert.Empty(bundle.RootElement.GetProperty("generations").EnumerateArray());

        var poll = client.GetAsync($"/v1/config?proxy=sidecar/shop/frontend&instance=frontend-1&have={hash}&wait=25");
        await api.HeldAsync(1);
        api.View.Services.Add(new k8s.Models.V1Service
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new k8s.Models.V1ServiceSpec { ClusterIP = "10.0.0.7", Selector = new Dictionary<string, string> { ["app"] = "checkout" }, Ports = [new k8s.Models.V1ServicePort { Port = 8080 }] },
        });
        var policy = Junction.Tests.Reconciliation.ClusterFixture.Policy("shop", "checkout", p => p.Spec.Proxy = new Api.V1Alpha1.ProxySpec { Mode = Api.V1Alpha1.ProxyModes.Sidecar });
        policy.Metadata.Generation = 3;
        api.View.Policies.Add(policy);
        api.Sidecars.InputsChanged();
        api.Time.Advance(TimeSpan.FromMilliseconds(50));
        using var changed = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var next = JsonDocument.Parse(await changed.Content.ReadAsStringAsync());
        Assert.NotEqual(hash, next.RootElement.GetProperty("hash").GetString());
        var generation = Assert.Single(next.RootElement.GetProperty("generations").EnumerateArray().ToList());
        Assert.Equal(3, generation.GetProperty("generation").GetInt64());
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;

    private static async Task<DistributionHarness> StartedAsync(ProxyApiOptions? options = null)
    {
        var api = await DistributionHarness.StartAsync(options);
        api.Reviewer.Add("gw-token", "shop", "gw", "checkout-proxy-abc");
        api.View.Gateways[("shop", "checkout-proxy")] = "gw";
        return api;
    }

    private static void Publish(DistributionHarness api, string hash, long generation) =>
        api.Gateways.Publish(
            new PolicyGeneration("shop", "checkout", generation),
            "checkout-proxy",
            hash,
            new Dictionary<string, string> { ["junction.lua"] = "-- lua", ["haproxy.cfg"] = "global\n    description junction hash=" + hash + "\n" });

    private static string ConfigUri(string have, int wait) =>
        $"/v1/config?proxy={Gateway}&instance=checkout-proxy-abc&have={have}&wait={wait}";

    private static object Status(string? running, string? attempted, string? error) =>
        new { proxy = Gateway, instance = "checkout-proxy-abc", running, attempted, error };
}
