using Junction.Runtime.Metrics;
using Junction.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Queue;

public sealed class RateLimitingQueueTests
{
    private readonly FakeTimeProvider time = new();
    private readonly MetricsRegistry metrics = new();

    private RateLimitingQueue<string> NewQueue() =>
        new("test", RateLimiters.DefaultController<string>(time), time, metrics);

    [Fact]
    public void AddAfter_FiresAtTheFakeDueTimeNotBefore()
    {
        var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMilliseconds(9999));
        Assert.Equal(0, queue.Len);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, queue.Len);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public void AddAfter_SameItemTwice_KeepsTheEarlierDueTime()
    {
        var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));
        Assert.Equal(1, queue.Waiting);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, queue.Len);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Len);
    }

    [Fact]
    public void AddAfter_ZeroDelay_AddsAtOnce()
    {
        var queue = NewQueue();

        queue.AddAfter("a", TimeSpan.Zero);

        Assert.Equal(1, queue.Len);
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_WaitsTheBackoffSequence()
    {
        var queue = NewQueue();
        var observed = new List<TimeSpan>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var before = time.GetUtcNow();
            queue.AddRateLimited("a");
            while (queue.Len == 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
            }
            observed.Add(time.GetUtcNow() - before);
            var (item, _) = await queue.GetAsync();
            queue.Done(item);
        }

        Assert.Equal([5, 10, 20, 40], observed.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(4, queue.NumRequeues("a"));
        Assert.Equal(4, PrometheusText.Parse(metrics.Render()).Value("workqueue_retries_total", ("name", "test")));
    }

    [Fact]
    public void Forget_AfterFailures_NextRetryStartsAtBaseDelay()
    {
        var queue = NewQueue();
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");

        queue.Forget("a");

        Assert.Equal(0, queue.NumRequeues("a"));
    }

    [Fact]
    public void ShutDown_PendingDelayedAdds_NeverFire()
    {
        var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, queue.Len);
        Assert.Equal(0, queue.Waiting);
    }
}
