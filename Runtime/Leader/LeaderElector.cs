using System.Net;
using Junction.Runtime.Metrics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Leader;

/// <summary>
/// Leader election on a Lease with client-go <c>leaderelection</c> semantics. A Lease held by
/// another replica is taken over only when it has not changed for <c>LeaseDuration</c> as
/// measured by this replica's clock (never by comparing clocks); the leader renews every
/// <c>RetryPeriod</c> and steps down when it cannot renew within <c>RenewDeadline</c>.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubernetes client;
    private readonly LeaderElectionOptions options;
    private readonly TimeProvider timeProvider;
    private readonly Func<double> random;
    private readonly ILogger logger;
    private readonly GaugeSeries masterStatus;
    private LeaseRecord? observedRecord;
    private long observedAt;
    private string? reportedLeader;
    private readonly LeaderCallbacks callbacks;
    private volatile bool isLeader;
    private string? cannotLead;

    /// <summary>Creates an elector; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API the Lease lives in.</param>
    /// <param name="options">Lease, identity and timing.</param>
    /// <param name="callbacks">What to run while leading and whom to tell about a new leader.</param>
    /// <param name="timeProvider">The clock that measures lease age, deadlines and retry delays.</param>
    /// <param name="metrics">Where the <c>leader_election_master_status</c> gauge is registered.</param>
    /// <param name="logger">Receives the election's log lines.</param>
    /// <param name="random">
    /// Returns a value in [0, 1) that spreads acquire retries by up to <see cref="LeaderElectionOptions.JitterFactor"/>;
    /// <see cref="Random.Shared"/> when null, so tests can fix the sequence.
    /// </param>
    public LeaderElector(IKubernetes client, LeaderElectionOptions options, LeaderCallbacks callbacks, TimeProvider timeProvider, MetricsRegistry metrics, ILogger logger, Func<double>? random = null)
    {
        options.Validate();
        this.client = client;
        this.callbacks = callbacks;
        this.options = options;
        this.timeProvider = timeProvider;
        this.random = random ?? Random.Shared.NextDouble;
        this.logger = logger;
        masterStatus = metrics.Gauge("leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.", "name")
            .WithLabels(options.LeaseName);
        masterStatus.Set(0);
    }

    /// <summary>This replica's identity.</summary>
    public string Identity => options.Identity;

    /// <summary>Whether this replica currently holds the Lease.</summary>
    public bool IsLeader => isLeader;

    /// <summary>
    /// Why this replica cannot ever lead as things stand, or null: the API refused to let it read or
    /// create the Lease (forbidden, unauthorised, or the namespace does not exist). Cleared by the
    /// next attempt that reaches the Lease, whether it leads or follows.
    /// </summary>
    public string? CannotLeadReason => Volatile.Read(ref cannotLead);

    /// <summary>The holder this replica last observed, or null.</summary>
    public string? CurrentLeader => Volatile.Read(ref reportedLeader);

    /// <summary>
    /// Acquires the Lease (retrying until <paramref name="cancellationToken"/> is cancelled), runs
    /// <see cref="LeaderCallbacks.OnStartedLeading"/> and renews until leadership is lost or the
    /// token is cancelled. On cancellation it waits for the leading work to finish, then releases
    /// the Lease when <see cref="LeaderElectionOptions.ReleaseOnCancel"/> is set.
    /// </summary>
    /// <returns>True when leadership was lost (renewal failed); false on a graceful stop.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        using var leadingCancel = new CancellationTokenSource();
        using var stopRenewing = new CancellationTokenSource();
        var leading = Task.Run(() => callbacks.OnStartedLeading(leadingCancel.Token), CancellationToken.None);
        var renewing = RenewLoopAsync(stopRenewing.Token);
        var stopped = Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        var first = await Task.WhenAny(renewing, leading, stopped).ConfigureAwait(false);
        var lost = first == renewing && !await renewing.ConfigureAwait(false);
        await leadingCancel.CancelAsync().ConfigureAwait(false);
        await AwaitLeadingAsync(leading).ConfigureAwait(false);
        if (!lost)
        {
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            lost = !await renewing.ConfigureAwait(false);
            if (!lost && options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
        SetLeader(false);
        callbacks.OnStoppedLeading();
        return lost;
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Attempting(logger, options.LeaseName, options.Identity);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                LeaderElectionLog.Acquired(logger, options.LeaseName, options.Identity);
                return true;
            }
            var jitter = options.JitterFactor > 0 ? options.RetryPeriod * (random() * options.JitterFactor) : TimeSpan.Zero;
            if (!await DelayAsync(options.RetryPeriod + jitter, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Renews every RetryPeriod; returns true when told to stop, false when renewal failed past the deadline.</summary>
    private async Task<bool> RenewLoopAsync(CancellationToken stopToken)
    {
        while (true)
        {
            if (!await DelayAsync(options.RetryPeriod, stopToken).ConfigureAwait(false))
            {
                return true;
            }
            var started = timeProvider.GetTimestamp();
            while (true)
            {
                var remaining = options.RenewDeadline - timeProvider.GetElapsedTime(started);
                using var attempt = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, stopToken);
                if (await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false))
                {
                    break;
                }
                if (stopToken.IsCancellationRequested)
                {
                    return true;
                }
                if (timeProvider.GetElapsedTime(started) + options.RetryPeriod > options.RenewDeadline)
                {
                    LeaderElectionLog.Lost(logger, options.LeaseName, options.Identity, options.RenewDeadline);
                    SetLeader(false);
                    return false;
                }
                if (!await DelayAsync(options.RetryPeriod, stopToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
        }
    }

    /// <summary>One attempt of client-go's <c>tryAcquireOrRenew</c>.</summary>
    internal async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        try
        {
            var lease = await ReadLeaseAsync(cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                var created = new V1Lease
                {
                    ApiVersion = "coordination.k8s.io/v1",
                    Kind = "Lease",
                    Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.LeaseNamespace },
                    Spec = NewSpec(now, now, 0),
                };
                await client.CoordinationV1.CreateNamespacedLeaseAsync(created, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref cannotLead, null);
                Observe(created.Spec);
                SetLeader(true);
                return true;
            }
            var spec = lease.Spec ?? new V1LeaseSpec();
            Volatile.Write(ref cannotLead, null);
            Observe(spec);
            var holder = spec.HolderIdentity;
            var heldByUs = holder == options.Identity;
            if (!string.IsNullOrEmpty(holder) && !heldByUs && timeProvider.GetElapsedTime(observedAt) < options.LeaseDuration)
            {
                SetLeader(false);
                return false;
            }
            lease.Spec = heldByUs
                ? NewSpec(spec.AcquireTime ?? now, now, spec.LeaseTransitions ?? 0)
                : NewSpec(now, now, (spec.LeaseTransitions ?? 0) + 1);
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            Observe(lease.Spec);
            SetLeader(true);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeaderElectionLog.AttemptFailed(logger, error, options.LeaseName, options.Identity);
            if (Unelectable(error) is { } reason)
            {
                Volatile.Write(ref cannotLead, reason);
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Errors that no retry fixes without someone changing RBAC or creating the namespace; a
    // timeout, a 409 or a 5xx is transient and leaves a replica electable.
    private string? Unelectable(Exception error) =>
        error is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound } http
            ? $"the Lease {options.LeaseNamespace}/{options.LeaseName} cannot be read or created: {(int)http.Response.StatusCode} {http.Response.StatusCode}: {Message(http)}"
            : null;

    private static string Message(HttpOperationException error)
    {
        var body = error.Response.Content;
        try
        {
            return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("message").GetString() ?? body;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            return body ?? error.Message;
        }
    }

    /// <summary>Clears the holder, so that another replica acquires at its next attempt.</summary>
    internal async Task ReleaseAsync()
    {
        using var bounded = new CancellationTokenSource(options.RenewDeadline, timeProvider);
        try
        {
            var lease = await ReadLeaseAsync(bounded.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != options.Identity)
            {
                return;
            }
            var now = timeProvider.GetUtcNow().UtcDateTime;
            lease.Spec = new V1LeaseSpec
            {
                HolderIdentity = null,
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = lease.Spec.LeaseTransitions,
            };
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: bounded.Token).ConfigureAwait(false);
            Observe(lease.Spec);
            LeaderElectionLog.Released(logger, options.LeaseName, options.Identity);
        }
        catch (Exception error)
        {
            LeaderElectionLog.ReleaseFailed(logger, error, options.LeaseName, options.Identity);
        }
    }

    private async Task<V1Lease?> ReadLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException notFound) when (notFound.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private V1LeaseSpec NewSpec(DateTime acquireTime, DateTime renewTime, int transitions) => new()
    {
        HolderIdentity = options.Identity,
        LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds,
        AcquireTime = acquireTime,
        RenewTime = renewTime,
        LeaseTransitions = transitions,
    };

    // The observation clock restarts whenever the record changes: expiry is judged by how long
    // this replica has seen the same record, so clock skew between replicas does not matter.
    private void Observe(V1LeaseSpec spec)
    {
        var record = new LeaseRecord(spec.HolderIdentity, spec.LeaseDurationSeconds, spec.AcquireTime, spec.RenewTime, spec.LeaseTransitions);
        if (record != observedRecord)
        {
            observedRecord = record;
            observedAt = timeProvider.GetTimestamp();
        }
        if (!string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != reportedLeader)
        {
            Volatile.Write(ref reportedLeader, spec.HolderIdentity);
            LeaderElectionLog.NewLeader(logger, options.LeaseName, spec.HolderIdentity);
            try
            {
                callbacks.OnNewLeader(spec.HolderIdentity);
            }
            catch (Exception error)
            {
                LeaderElectionLog.LeadingFailed(logger, error, options.LeaseName, options.Identity);
            }
        }
    }

    private void SetLeader(bool leading)
    {
        isLeader = leading;
        masterStatus.Set(leading ? 1 : 0);
    }

    private async Task AwaitLeadingAsync(Task leading)
    {
        try
        {
            await leading.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LeaderElectionLog.LeadingFailed(logger, error, options.LeaseName, options.Identity);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record LeaseRecord(string? Holder, int? DurationSeconds, DateTime? AcquireTime, DateTime? RenewTime, int? Transitions);
}
