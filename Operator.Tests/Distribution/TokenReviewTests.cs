using Junction.Distribution;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Distribution;

public sealed class TokenReviewTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Caching_WithinAMinute_ReviewedOnce()
    {
        var inner = new FakeTokenReviewer().Add("t", "shop", "gw");
        var cached = new CachingTokenReviewer(inner, time);

        var first = await cached.ReviewAsync("t", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        var second = await cached.ReviewAsync("t", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, inner.Reviews);
    }

    [Fact]
    public async Task Caching_AfterAMinute_ReviewedAgain()
    {
        var inner = new FakeTokenReviewer().Add("t", "shop", "gw");
        var cached = new CachingTokenReviewer(inner, time, ttl: TimeSpan.FromMinutes(5));

        await cached.ReviewAsync("t", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(61));
        await cached.ReviewAsync("t", CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(1), cached.Ttl);
        Assert.Equal(2, inner.Reviews);
    }

    [Fact]
    public async Task Caching_Refusals_RememberedToo()
    {
        var inner = new FakeTokenReviewer();
        var cached = new CachingTokenReviewer(inner, time);

        Assert.IsType<TokenRefused>(await cached.ReviewAsync("bad", CancellationToken.None));
        Assert.IsType<TokenRefused>(await cached.ReviewAsync("bad", CancellationToken.None));

        Assert.Equal(1, inner.Reviews);
    }

    [Fact]
    public async Task Caching_Unavailable_NotRemembered()
    {
        var inner = new FakeTokenReviewer { Unavailable = true }.Add("t", "shop", "gw");
        var cached = new CachingTokenReviewer(inner, time);

        await Assert.ThrowsAsync<TokenReviewUnavailableException>(() => cached.ReviewAsync("t", CancellationToken.None));
        inner.Unavailable = false;

        Assert.IsType<TokenAccepted>(await cached.ReviewAsync("t", CancellationToken.None));
        Assert.Equal(2, inner.Reviews);
    }

    [Fact]
    public async Task Caching_BeyondCapacity_OldestDropped()
    {
        var inner = new FakeTokenReviewer();
        var cached = new CachingTokenReviewer(inner, time, capacity: 3);

        foreach (var token in new[] { "a", "b", "c", "d" })
        {
            await cached.ReviewAsync(token, CancellationToken.None);
        }

        Assert.Equal(3, cached.Count);
        await cached.ReviewAsync("d", CancellationToken.None);
        Assert.Equal(4, inner.Reviews);
        await cached.ReviewAsync("a", CancellationToken.None);
        Assert.Equal(5, inner.Reviews);
    }

    [Fact]
    public void Interpret_BoundToken_ServiceAccountAndPod()
    {
        var result = KubernetesTokenReviewer.Interpret(Review(true, "system:serviceaccount:shop:gw", ["junction"], pod: "checkout-proxy-abc"));

        var caller = Assert.IsType<TokenAccepted>(result).Caller;
        Assert.Equal(new ProxyCaller("system:serviceaccount:shop:gw", "shop", "gw", "checkout-proxy-abc"), caller);
    }

    [Fact]
    public void Interpret_NotAuthenticated_RefusedWithTheServersError()
    {
        var result = KubernetesTokenReviewer.Interpret(Review(false, null, null, error: "token has expired"));

        Assert.Equal(new TokenRefused("token has expired"), result);
    }

    [Fact]
    public void Interpret_AnotherAudience_Refused()
    {
        var result = KubernetesTokenReviewer.Interpret(Review(true, "system:serviceaccount:shop:gw", ["https://kubernetes.default.svc"]));

        Assert.Contains("audience \"junction\"", Assert.IsType<TokenRefused>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_UserNotAServiceAccount_AcceptedWithoutServiceAccount()
    {
        var caller = Assert.IsType<TokenAccepted>(KubernetesTokenReviewer.Interpret(Review(true, "alice", ["junction"]))).Caller;

        Assert.Null(caller.Namespace);
        Assert.Null(caller.ServiceAccount);
    }

    private static V1TokenReview Review(bool authenticated, string? username, IList<string>? audiences, string? pod = null, string? error = null) => new()
    {
        Status = new V1TokenReviewStatus
        {
            Authenticated = authenticated,
            Audiences = audiences,
            Error = error,
            User = username is null ? null : new V1UserInfo
            {
                Username = username,
                Extra = pod is null ? null : new Dictionary<string, IList<string>> { [KubernetesTokenReviewer.PodNameExtra] = [pod] },
            },
        },
    };
}
