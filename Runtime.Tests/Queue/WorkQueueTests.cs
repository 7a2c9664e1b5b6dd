using Junction.Runtime.Metrics;
using Junction.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider time = new();
    private readonly MetricsRegistry metrics = new();

    private WorkQueue<string> NewQueue() => new("test", time, metrics);

    [Fact]
    public async Task Add_SameKeyTwiceWhileQueued_HandedOutOnce()
    {
        var queue = NewQueue();

        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Len);
        Assert.Equal(("a", false), await queue.GetAsync());
        Assert.Equal(("b", false), await queue.GetAsync());
        Assert.Equal(0, queue.Len);
    }

    [Fact]
    public async Task Add_WhileProcessing_HandedOutAgainOnlyAfterDone()
    {
        var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync();

        queue.Add("a");
        Assert.Equal(0, queue.Len);
        var next = queue.GetAsync();
        Assert.False(next.IsCompleted);

        queue.Done(item);

        Assert.Equal(("a", false), await next.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task GetAsync_EmptyQueue_WaitsForAdd()
    {
        var queue = NewQueue();

        var waiting = queue.GetAsync();
        Assert.False(waiting.IsCompleted);
        queue.Add("late");

        Assert.Equal(("late", false), await waiting.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task GetAsync_Cancelled_DoesNotSwallowLaterItems()
    {
        var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var abandoned = queue.GetAsync(cancel.Token);
        var waiting = queue.GetAsync();

        await cancel.CancelAsync();
        queue.Add("a");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(("a", false), await waiting.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task ManyWorkers_KeysReAddedWhileProcessing_NeverProcessedConcurrently()
    {
        var queue = NewQueue();
        var inFlight = new int[5];
        var maxInFlight = new int[5];
        var addedSinceProcessed = new bool[5];
        var processed = 0;

        async Task Worker()
        {
            while (true)
            {
                var (item, shutdown) = await queue.GetAsync();
                if (shutdown)
                {
                    return;
                }
                var key = int.Parse(item);
                var now = Interlocked.Increment(ref inFlight[key]);
                InterlockedMax(ref maxInFlight[key], now);
                Volatile.Write(ref addedSinceProcessed[key], false);
                await Task.Yield();
                Interlocked.Decrement(ref inFlight[key]);
                Interlocked.Increment(ref processed);
                queue.Done(item);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var key = i % 5;
            Volatile.Write(ref addedSinceProcessed[key], true);
            queue.Add(key.ToString());
            if (i % 50 == 0)
            {
                await Task.Yield();
            }
        }
        await Eventually.True(() => queue.Len == 0 && addedSinceProcessed.All(a => !Volatile.Read(ref a)), "every key added was processed after its last add");
        await queue.ShutDownWithDrainAsync().WaitAsync(TimeSpan.FromSeconds(2));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(2));

        Assert.All(maxInFlight, max => Assert.Equal(1, max));
        Assert.InRange(processed, 5, 3000);
    }

    [Fact]
    public async Task ShutDownWithDrain_ItemInFlight_CompletesOnlyAfterDone()
    {
        var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync();

        var drain = queue.ShutDownWithDrainAsync();

        Assert.False(drain.IsCompleted);
        Assert.True(queue.ShuttingDown);
        queue.Done(item);
        await drain.WaitAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ShutDown_ThenAdd_IsIgnoredAndGetReportsShutdown()
    {
        var queue = NewQueue();
        var waiting = queue.GetAsync();

        queue.ShutDown();
        queue.Add("a");

        Assert.True((await waiting.WaitAsync(TimeSpan.FromSeconds(2))).Shutdown);
        Assert.Equal(0, queue.Len);
    }

    [Fact]
    public async Task Metrics_AddGetDone_RecordDepthAddsAndDurations()
    {
        var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        time.Advance(TimeSpan.FromSeconds(3));
        var (item, _) = await queue.GetAsync();
        time.Advance(TimeSpan.FromSeconds(2));

        var during = PrometheusText.Parse(metrics.Render());
        queue.Done(item);
        var after = PrometheusText.Parse(metrics.Render());

        Assert.Equal(2, during.Value("workqueue_adds_total", ("name", "test")));
        Assert.Equal(1, during.Value("workqueue_depth", ("name", "test")));
        Assert.Equal(3, during.Value("workqueue_queue_duration_seconds_sum", ("name", "test")));
        Assert.Equal(2, during.Value("workqueue_unfinished_work_seconds", ("name", "test")));
        Assert.Equal(2, during.Value("workqueue_longest_running_processor_seconds", ("name", "test")));
        Assert.Equal(2, after.Value("workqueue_work_duration_seconds_sum", ("name", "test")));
        Assert.Equal(1, after.Value("workqueue_work_duration_seconds_count", ("name", "test")));
        Assert.Equal(0, after.Value("workqueue_unfinished_work_seconds", ("name", "test")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
