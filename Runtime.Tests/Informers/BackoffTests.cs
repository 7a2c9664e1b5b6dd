using Junction.Runtime.Informers;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Informers;

public sealed class BackoffTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Next_FixedRandomSequence_AddsExactlyThatShareOfJitter()
    {
        var random = new RandomSequence(0.5, 0.25, 0.0, 0.75);
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), jitter: 0.5, time, random.Next);

        // delay * (1 + random * jitter), the delay doubling each time.
        Assert.Equal(TimeSpan.FromSeconds(1.25), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(2.25), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(11), backoff.Next());
        Assert.Equal(4, random.Draws);
    }

    [Fact]
    public void Next_AtTheMaximum_JittersAboveTheCap()
    {
        var random = new RandomSequence(0.0, 0.0, 0.5);
        var backoff = new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(2), jitter: 1.0, time, random.Next);

        backoff.Next();
        backoff.Next();

        Assert.Equal(TimeSpan.FromSeconds(6), backoff.Next());
    }

    [Fact]
    public void Next_AfterTheQuietPeriod_StartsOverWithFreshJitter()
    {
        var random = new RandomSequence(0.0, 0.0, 0.5);
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), jitter: 0.5, time, random.Next);
        backoff.Next();
        backoff.Next();

        time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(TimeSpan.FromSeconds(1.25), backoff.Next());
    }

    [Fact]
    public void Next_NoJitter_DrawsNoRandomValue()
    {
        var random = new RandomSequence();
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), jitter: 0, time, random.Next);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next());
        Assert.Equal(0, random.Draws);
    }
}
