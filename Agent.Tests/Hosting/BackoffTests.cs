using Junction.Agent.Hosting;

namespace Junction.Agent.Tests.Hosting;

public sealed class BackoffTests
{
    [Fact]
    public void ConsecutiveFailures_DoubleUpToTheCapWithJitterBetweenHalfAndAll()
    {
        var backoff = new Backoff(new Random(7), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var ceilings = new[] { 0.5, 1, 2, 4, 8, 16, 30, 30, 30 };
        foreach (var ceiling in ceilings)
        {
            var wait = backoff.Next().TotalSeconds;
            Assert.InRange(wait, ceiling / 2, ceiling);
        }

        Assert.Equal(ceilings.Length, backoff.Failures);
    }

    [Fact]
    public void Reset_StartsOverAtTheInitialWait()
    {
        var backoff = new Backoff(new Random(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void SameSeed_SameWaits_DifferentSeeds_Spread()
    {
        static double[] Waits(int seed)
        {
            var b = new Backoff(new Random(seed), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            return [.. Enumerable.Range(0, 5).Select(_ => b.Next().TotalMilliseconds)];
        }

        Assert.Equal(Waits(3), Waits(3));
        Assert.NotEqual(Waits(3), Waits(4));
    }
}
