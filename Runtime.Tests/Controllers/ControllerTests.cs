using System.Collections.Concurrent;
using Junction.Runtime.Controllers;
using Junction.Runtime.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Controllers;

public sealed class ControllerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly MetricsRegistry metrics = new();
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    [Fact]
    public async Task Reconcile_Succeeds_ForgetsAndCountsSuccess()
    {
        var reconciler = new ScriptedReconciler((_, _) => Task.FromResult(ReconcileResult.Done));
        var controller = Start(reconciler);

        controller.Enqueue("shop", "checkout");

        await Eventually.True(() => Count("success") == 1, "the reconcile is counted as a success");
        Assert.Equal(new ReconcileRequest("shop", "checkout"), Assert.Single(reconciler.Calls));
        Assert.Equal(0, controller.Queue.NumRequeues(new ReconcileRequest("shop", "checkout")));
        Assert.Equal(1, Scrape().Value("controller_runtime_reconcile_time_seconds_count", ("controller", "policies")));
    }

    [Fact]
    public async Task Reconcile_Throws_RetriesAfterBackoffThenForgets()
    {
        var reconciler = new ScriptedReconciler((call, _) =>
            call == 1 ? throw new InvalidOperationException("backend missing") : Task.FromResult(ReconcileResult.Done));
        var controller = Start(reconciler);
        var request = new ReconcileRequest("shop", "checkout");

        controller.Enqueue("shop/checkout");
        await Eventually.True(() => Count("error") == 1, "the failure is counted");
        Assert.Equal(1, controller.Queue.NumRequeues(request));
        Assert.Equal(1, Scrape().Value("controller_runtime_reconcile_errors_total", ("controller", "policies")));
        time.Advance(TimeSpan.FromMilliseconds(5));

        await Eventually.True(() => Count("success") == 1, "the retry succeeds");
        Assert.Equal(2, reconciler.Calls.Count);
        Assert.Equal(0, controller.Queue.NumRequeues(request));
    }

    [Fact]
    public async Task Reconcile_RequeueAfter_ReconcilesAgainAfterTheDelay()
    {
        var reconciler = new ScriptedReconciler((call, _) =>
            Task.FromResult(call == 1 ? ReconcileResult.After(TimeSpan.FromSeconds(30)) : ReconcileResult.Done));
        var controller = Start(reconciler);

        controller.Enqueue("shop", "checkout");
        await Eventually.True(() => Count("requeue_after") == 1, "the requeue is counted");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, controller.Queue.Len);
        time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.True(() => Count("success") == 1, "the request is reconciled again");
        Assert.Equal(2, reconciler.Calls.Count);
    }

    [Fact]
    public async Task Reconcile_ThrowsTwice_SecondRetryWaitsTwiceAsLong()
    {
        var reconciler = new ScriptedReconciler((call, _) =>
            call <= 2 ? throw new InvalidOperationException("write failed") : Task.FromResult(ReconcileResult.Done));
        var controller = Start(reconciler);
        var request = new ReconcileRequest("shop", "checkout");

        controller.Enqueue("shop", "checkout");
        await Eventually.True(() => Count("error") == 1, "the first failure is counted");
        time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.True(() => Count("error") == 2, "the first retry fails too");
        Assert.Equal(2, controller.Queue.NumRequeues(request));
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, controller.Queue.Len);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Eventually.True(() => Count("success") == 1, "the second retry, after 10ms, succeeds");
        Assert.Equal(3, reconciler.Calls.Count);
        Assert.Equal(0, Count("requeue"));
    }

    [Fact]
    public async Task Run_FourWorkers_ReconcilesFourKeysAtOnce()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new ScriptedReconciler(async (_, _) =>
        {
            await release.Task;
            return ReconcileResult.Done;
        });
        var controller = Start(reconciler, workers: 4);

        for (var i = 0; i < 10; i++)
        {
            controller.Enqueue("shop", $"p{i}");
        }

        await Eventually.True(() => reconciler.Calls.Count == 4, "four reconciles started");
        Assert.Equal(4, Scrape().Value("controller_runtime_active_workers", ("controller", "policies")));
        Assert.Equal(4, Scrape().Value("controller_runtime_max_concurrent_reconciles", ("controller", "policies")));
        release.SetResult();
        await Eventually.True(() => Count("success") == 10, "all ten keys are reconciled");
        Assert.Equal(0, Scrape().Value("controller_runtime_active_workers", ("controller", "policies")));
    }

    [Fact]
    public async Task Shutdown_ReconcileInFlight_FinishesBeforeRunReturnsAndNewKeysAreRefused()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenCancelled = true;
        var reconciler = new ScriptedReconciler(async (_, token) =>
        {
            await release.Task;
            tokenCancelled = token.IsCancellationRequested;
            return ReconcileResult.Done;
        });
        var controller = Start(reconciler);
        controller.Enqueue("shop", "a");
        await Eventually.True(() => reconciler.Calls.Count == 1, "the reconcile started");

        await stop.CancelAsync();
        await Eventually.True(() => controller.Queue.ShuttingDown, "the queue is shut down");
        controller.Enqueue("shop", "b");
        Assert.False(running!.IsCompleted);
        release.SetResult();

        await running.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.False(tokenCancelled);
        Assert.Equal(1, Count("success"));
        Assert.Single(reconciler.Calls);
    }

    [Fact]
    public async Task Shutdown_ReconcileStuckPastTimeout_IsCancelled()
    {
        var reconciler = new ScriptedReconciler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ReconcileResult.Done;
        });
        var controller = Start(reconciler, shutdownTimeout: TimeSpan.FromSeconds(10));
        controller.Enqueue("shop", "stuck");
        await Eventually.True(() => reconciler.Calls.Count == 1, "the reconcile started");

        await stop.CancelAsync();

        await Eventually.True(() => running!.IsCompleted, "the run ends after the shutdown timeout", eachPoll: () => time.Advance(TimeSpan.FromSeconds(1)));
        Assert.True(time.GetUtcNow() - FakeStart >= TimeSpan.FromSeconds(10));
        Assert.Equal(1, Count("error"));
    }

    private static readonly DateTimeOffset FakeStart = new FakeTimeProvider().GetUtcNow();

    private Controller Start(IReconciler reconciler, int workers = 1, TimeSpan? shutdownTimeout = null)
    {
        var controller = new Controller(
            reconciler,
            new ControllerOptions { Name = "policies", MaxConcurrentReconciles = workers, ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30) },
            time,
            metrics,
            NullLogger.Instance);
        running = controller.RunAsync(stop.Token);
        return controller;
    }

    private double Count(string result) =>
        Scrape().Value("controller_runtime_reconcile_total", ("controller", "policies"), ("result", result));

    private PrometheusText Scrape() => PrometheusText.Parse(metrics.Render());

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await Eventually.True(() => running.IsCompleted, "the controller stops", eachPoll: () => time.Advance(TimeSpan.FromSeconds(30)));
        }
        stop.Dispose();
    }

    /// <summary>A reconciler whose behaviour is given per call number (1-based), recording every request.</summary>
    private sealed class ScriptedReconciler(Func<int, CancellationToken, Task<ReconcileResult>> script) : IReconciler
    {
        private readonly ConcurrentQueue<ReconcileRequest> calls = new();
        private int callCount;

        public IReadOnlyList<ReconcileRequest> Calls => [.. calls];

        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
        {
            calls.Enqueue(request);
            return script(Interlocked.Increment(ref callCount), cancellationToken);
        }
    }
}
