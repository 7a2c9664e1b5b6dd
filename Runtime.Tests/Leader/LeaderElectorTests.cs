using System.Net;
using System.Text.Json.Nodes;
using Junction.Runtime.Leader;
using Junction.Runtime.Metrics;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Leader;

public sealed class LeaderElectorTests : IDisposable
{
    private const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/ops/leases/junction-leader";
    private readonly ObjectApi api = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MetricsRegistry metrics = new();
    private readonly List<string> leaders = [];

    [Fact]
    public async Task TryAcquire_NoLease_CreatesItHoldingTheLease()
    {
        var elector = Elector("a");

        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        var spec = Lease()["spec"]!;
        Assert.Equal("a", (string?)spec["holderIdentity"]);
        Assert.Equal(15, (int?)spec["leaseDurationSeconds"]);
        Assert.Equal(0, (int?)spec["leaseTransitions"]);
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)spec["acquireTime"]!));
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)spec["renewTime"]!));
        Assert.True(elector.IsLeader);
        Assert.Equal(1, LeaderMetric());
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "403 Forbidden")]
    [InlineData(HttpStatusCode.NotFound, "404 NotFound")]
    public async Task TryAcquire_LeaseRefused_CannotLeadUntilAnAttemptReachesTheLease(HttpStatusCode refusal, string shown)
    {
        var elector = Elector("a");
        api.FailWith = refusal;

        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        var reason = elector.CannotLeadReason;
        api.FailWith = null;
        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.NotNull(reason);
        Assert.Contains($"the Lease ops/junction-leader cannot be read or created: {shown}: injected failure", reason, StringComparison.Ordinal);
        Assert.Null(elector.CannotLeadReason);
    }

    [Fact]
    public async Task TryAcquire_ServerError_StaysElectable()
    {
        var elector = Elector("a");
        api.FailWith = HttpStatusCode.InternalServerError;

        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.Null(elector.CannotLeadReason);
    }

    [Fact]
    public async Task TryAcquire_HeldByOther_FollowerCanLead()
    {
        SeedLease("b", renewTime: time.GetUtcNow(), transitions: 0);
        var elector = Elector("a");

        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.Null(elector.CannotLeadReason);
    }

    [Fact]
    public async Task TryAcquire_HeldByOther_TakesOverOnlyAfterLeaseDurationOfOurOwnObservation()
    {
        // The other holder's renewTime is an hour old by its clock; only our observation counts.
        SeedLease("b", renewTime: time.GetUtcNow().AddHours(-1), transitions: 3);
        var elector = Elector("a");

        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        var spec = Lease()["spec"]!;
        Assert.Equal("a", (string?)spec["holderIdentity"]);
        Assert.Equal(4, (int?)spec["leaseTransitions"]);
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)spec["acquireTime"]!));
        Assert.Equal(["b", "a"], leaders);
    }

    [Fact]
    public async Task TryAcquire_OtherKeepsRenewing_NeverTakesOver()
    {
        SeedLease("b", renewTime: time.GetUtcNow(), transitions: 0);
        var elector = Elector("a");

        for (var i = 0; i < 10; i++)
        {
            Assert.False(await elector.TryAcquireOrRenewAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(10));
            SeedLease("b", renewTime: time.GetUtcNow(), transitions: 0);
        }

        Assert.False(elector.IsLeader);
        Assert.Equal("b", elector.CurrentLeader);
    }

    [Fact]
    public async Task TryAcquire_Renewal_KeepsAcquireTimeAndTransitions()
    {
        var elector = Elector("a");
        await elector.TryAcquireOrRenewAsync(CancellationToken.None);
        var acquired = time.GetUtcNow();

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await elector.TryAcquireOrRenewAsync(CancellationToken.None));

        var spec = Lease()["spec"]!;
        Assert.Equal(acquired, DateTimeOffset.Parse((string)spec["acquireTime"]!));
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)spec["renewTime"]!));
        Assert.Equal(0, (int?)spec["leaseTransitions"]);
    }

    [Fact]
    public async Task TryAcquire_ApiFails_ReturnsFalseWithoutThrowing()
    {
        api.FailWith = HttpStatusCode.InternalServerError;

        Assert.False(await Elector("a").TryAcquireOrRenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Run_RenewalFailsPastTheDeadline_StepsDownAndStopsLeadingWork()
    {
        var leadingToken = new TaskCompletionSource<CancellationToken>();
        var stoppedLeading = false;
        using var stop = new CancellationTokenSource();
        var elector = Elector("a", new LeaderCallbacks
        {
            OnStartedLeading = token =>
            {
                leadingToken.SetResult(token);
                return Task.Delay(Timeout.Infinite, token);
            },
            OnStoppedLeading = () => stoppedLeading = true,
        });
        var run = elector.RunAsync(stop.Token);
        var token = await leadingToken.Task.WaitAsync(TimeSpan.FromSeconds(2));
        var failedAt = time.GetUtcNow();

        api.FailWith = HttpStatusCode.InternalServerError;
        await Eventually.True(() => run.IsCompleted, "the elector steps down", eachPoll: () => time.Advance(TimeSpan.FromMilliseconds(500)));

        Assert.True(await run);
        Assert.True(token.IsCancellationRequested);
        Assert.True(stoppedLeading);
        Assert.False(elector.IsLeader);
        Assert.Equal(0, LeaderMetric());
        Assert.InRange(time.GetUtcNow() - failedAt, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Run_GracefulStop_KeepsTheLeaseUntilLeadingWorkEndsThenReleasesIt()
    {
        var draining = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var elector = Elector("a", new LeaderCallbacks
        {
            OnStartedLeading = async token =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
                await draining.Task;
            },
        });
        var run = elector.RunAsync(stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(2));

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(run.IsCompleted);
        Assert.Equal("a", (string?)Lease()["spec"]!["holderIdentity"]);
        draining.SetResult();

        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(2)));
        var spec = Lease()["spec"]!;
        Assert.Null(spec["holderIdentity"]);
        Assert.Equal(1, (int?)spec["leaseDurationSeconds"]);
        var next = Elector("b");
        Assert.True(await next.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.Equal(1, (int?)Lease()["spec"]!["leaseTransitions"]);
    }

    [Fact]
    public async Task Run_TwoReplicas_OnlyOneLeads()
    {
        using var stop = new CancellationTokenSource();
        var leading = 0;
        var callbacks = new LeaderCallbacks
        {
            OnStartedLeading = async token =>
            {
                Interlocked.Increment(ref leading);
                await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            },
        };
        var a = Elector("a", callbacks);
        var b = Elector("b", callbacks);
        var runA = a.RunAsync(stop.Token);
        await Eventually.True(() => a.IsLeader, "the first replica leads");
        var runB = b.RunAsync(stop.Token);

        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);
        Assert.Equal(1, Volatile.Read(ref leading));
        await stop.CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Run_LeaseHeldByOther_RetriesAfterRetryPeriodPlusTheDrawnShareOfJitter()
    {
        var clock = new RecordingTimeProvider();
        SeedLease("b", renewTime: clock.GetUtcNow(), transitions: 0);
        var random = new RandomSequence(0.5, 0.25);
        var elector = new LeaderElector(
            api.Client(),
            new LeaderElectionOptions { LeaseName = "junction-leader", LeaseNamespace = "ops", Identity = "a", RetryPeriod = TimeSpan.FromSeconds(2), JitterFactor = 1.2 },
            new LeaderCallbacks(),
            clock,
            metrics,
            NullLogger.Instance,
            random.Next);
        using var stop = new CancellationTokenSource();

        var run = elector.RunAsync(stop.Token);
        await Eventually.True(() => clock.DueTimes.Count == 1, "the first retry waits");
        clock.Advance(TimeSpan.FromSeconds(3.2));
        await Eventually.True(() => clock.DueTimes.Count == 2, "the second retry waits");
        await stop.CancelAsync();

        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(2)));
        // RetryPeriod * (1 + random * JitterFactor): 2 s * (1 + 0.5 * 1.2), then 2 s * (1 + 0.25 * 1.2).
        Assert.Equal([TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(2.6)], clock.DueTimes);
        Assert.Equal(2, random.Draws);
        Assert.False(elector.IsLeader);
    }

    private LeaderElector Elector(string identity, LeaderCallbacks? callbacks = null) => new(
        api.Client(),
        new LeaderElectionOptions { LeaseName = "junction-leader", LeaseNamespace = "ops", Identity = identity, JitterFactor = 0 },
        callbacks ?? new LeaderCallbacks { OnNewLeader = leader => leaders.Add(leader) },
        time,
        metrics,
        NullLogger.Instance);

    private JsonObject Lease() => api.Get(LeasePath) ?? throw new InvalidOperationException("No lease was written.");

    private void SeedLease(string holder, DateTimeOffset renewTime, int transitions) =>
        api.Put(LeasePath, new V1Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Metadata = new V1ObjectMeta { Name = "junction-leader", NamespaceProperty = "ops" },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = holder,
                LeaseDurationSeconds = 15,
                AcquireTime = renewTime.UtcDateTime,
                RenewTime = renewTime.UtcDateTime,
                LeaseTransitions = transitions,
            },
        });

    private double LeaderMetric() =>
        PrometheusText.Parse(metrics.Render()).Value("leader_election_master_status", ("name", "junction-leader"));

    public void Dispose() => api.Dispose();
}
