using Junction.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void ExponentialFailure_RepeatedFailures_DoublesFrom5MsAndCapsAt1000s()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(RateLimiters.DefaultBaseDelay, RateLimiters.DefaultMaxDelay);

        var delays = Enumerable.Range(0, 25).Select(_ => limiter.When("a")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), delays[2]);
        Assert.Equal(TimeSpan.FromMilliseconds(40), delays[3]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 131072), delays[17]);
        Assert.All(delays.Skip(18), d => Assert.Equal(TimeSpan.FromSeconds(1000), d));
        Assert.Equal(25, limiter.NumRequeues("a"));
    }

    [Fact]
    public void ExponentialFailure_Forget_StartsOverAndLeavesOtherItems()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        limiter.When("a");
        limiter.When("a");
        limiter.When("b");

        limiter.Forget("a");

        Assert.Equal(0, limiter.NumRequeues("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("b"));
    }

    [Fact]
    public void Bucket_BurstSpent_SpacesRetriesAtQps()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 100, time);

        var burst = Enumerable.Range(0, 100).Select(i => limiter.When($"k{i}")).ToList();

        Assert.All(burst, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("x"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("y"));
    }

    [Fact]
    public void Bucket_TimePasses_RefillsTokensUpToBurst()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 5, time);
        for (var i = 0; i < 5; i++)
        {
            limiter.When("k");
        }

        time.Advance(TimeSpan.FromSeconds(0.3));

        Assert.Equal(TimeSpan.Zero, limiter.When("a"));
        Assert.Equal(TimeSpan.Zero, limiter.When("b"));
        Assert.Equal(TimeSpan.Zero, limiter.When("c"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("d"));

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, Enumerable.Range(0, 6).Count(_ => limiter.When("e") == TimeSpan.Zero));
    }

    [Fact]
    public void DefaultController_BothLimiters_TakesTheLongerDelay()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.DefaultController<string>(time);

        var first = Enumerable.Range(0, 100).Select(i => limiter.When($"k{i}")).ToList();
        var overBurst = limiter.When("k100");
        for (var i = 0; i < 10; i++)
        {
            limiter.When("hot");
        }
        time.Advance(TimeSpan.FromHours(1));
        var backedOff = limiter.When("hot");

        Assert.All(first, d => Assert.Equal(TimeSpan.FromMilliseconds(5), d));
        Assert.Equal(TimeSpan.FromMilliseconds(100), overBurst);
        Assert.Equal(TimeSpan.FromMilliseconds(5 << 10), backedOff);
        Assert.Equal(11, limiter.NumRequeues("hot"));
    }
}
