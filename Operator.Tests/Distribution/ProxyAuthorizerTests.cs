using Junction.Distribution;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Distribution;

public sealed class ProxyAuthorizerTests
{
    private readonly FakeDistributionView view = new();
    private readonly ProxyAuthorizer authorizer;

    public ProxyAuthorizerTests()
    {
        view.Gateways[("shop", "checkout-proxy")] = "default";
        authorizer = new ProxyAuthorizer(view);
    }

    [Theory]
    [InlineData("system:serviceaccount:shop:default", "gateway/shop/checkout-proxy", null)]
    [InlineData("system:serviceaccount:shop:frontend", "gateway/shop/checkout-proxy", "gateway/shop/checkout-proxy: ServiceAccount shop/frontend is not the ServiceAccount the gateway's pods run as")]
    [InlineData("system:serviceaccount:shop:frontend", "sidecar/shop/frontend", null)]
    [InlineData("system:serviceaccount:shop:frontend", "sidecar/shop/checkout", "sidecar/shop/checkout: ServiceAccount shop/frontend may fetch only sidecar/shop/frontend")]
    [InlineData("system:serviceaccount:bank:frontend", "sidecar/shop/frontend", "sidecar/shop/frontend: ServiceAccount bank/frontend is of another namespace than the proxy")]
    [InlineData("alice", "sidecar/shop/frontend", "sidecar/shop/frontend: user \"alice\" is not a ServiceAccount; proxies authenticate with their pod's ServiceAccount token")]
    public void Refusal_FollowsTheContract(string username, string proxy, string? refusal)
    {
        Assert.Equal(refusal, authorizer.Refusal(ProxyCaller.From(username, null), ProxyAddress.Parse(proxy)!));
    }

    [Theory]
    [InlineData("gateway/shop/checkout-proxy", true)]
    [InlineData("sidecar/shop/default", true)]
    [InlineData("gateway/shop", false)]
    [InlineData("router/shop/x", false)]
    [InlineData("gateway/Shop/x", false)]
    [InlineData("gateway/shop/x/y", false)]
    [InlineData("gateway//x", false)]
    public void Parse_OnlyTheTwoShapes(string text, bool valid)
    {
        var parsed = ProxyAddress.Parse(text);

        Assert.Equal(valid, parsed is not null);
        if (parsed is not null)
        {
            Assert.Equal(text, ProxyAddress.Format(parsed));
        }
    }

    [Fact]
    public void RateLimiter_BurstThenRefill_RetryAfterSaysWhen()
    {
        var time = new FakeTimeProvider();
        var limiter = new IdentityRateLimiter(time, rate: 2, burst: 2);

        Assert.True(limiter.TryAcquire("a", out _));
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out var retry));
        Assert.True(limiter.TryAcquire("b", out _));
        Assert.Equal(TimeSpan.FromSeconds(0.5), retry);
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(limiter.TryAcquire("a", out _));
    }

    [Fact]
    public void RateLimiter_Full_ForgetsIdleCallersAndRefusesWhenNoneIs()
    {
        var time = new FakeTimeProvider();
        var limiter = new IdentityRateLimiter(time, rate: 1, burst: 1, capacity: 2);
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.True(limiter.TryAcquire("b", out _));

        Assert.False(limiter.TryAcquire("c", out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("c", out _));
    }
}
