using System.Threading.Channels;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using Junction.ApiServer.Watch;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// Runs the simulated deployment, replicaset and job controllers, the scheduler and the kubelet in one
/// loop: it wakes on any change to Deployments, ReplicaSets, Jobs or Pods (an in-process watch on the
/// store) or when a pod's start delay is due (the injected clock), and passes over all of them until a
/// pass writes nothing. Level-triggered like kube's controllers, so the order of events does not matter.
/// </summary>
internal sealed class WorkloadControllers : IAsyncDisposable
{
    private static readonly string[] Watched = ["deployments.apps", "replicasets.apps", "jobs.batch", "pods"];
    private readonly ResourceService service;
    private readonly ControllerClient client;
    private readonly DeploymentController deployments;
    private readonly ReplicaSetController replicaSets;
    private readonly JobController jobs;
    private readonly Kubelet kubelet;
    private readonly PodAddresses addresses = new();
    private readonly TimeProvider time;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> tasks = [];

    public WorkloadControllers(ResourceService service, Clock clock, TimeProvider time, System.Security.Cryptography.RandomNumberGenerator random, TimeSpan podStartDelay)
    {
        this.service = service;
        this.time = time;
        client = new ControllerClient(service, clock);
        var names = new RandomSuffix(random);
        deployments = new DeploymentController(client);
        replicaSets = new ReplicaSetController(client, names);
        jobs = new JobController(client, names);
        kubelet = new Kubelet(client, addresses, podStartDelay);
    }

    public void Start()
    {
        foreach (var key in Watched)
        {
            tasks.Add(Task.Run(() => Pump(key, stopping.Token)));
        }

        tasks.Add(Task.Run(() => Loop(stopping.Token)));
    }

    /// <summary>Runs passes until one writes nothing; returns when a pod next needs the clock.</summary>
    internal DateTimeOffset? Settle()
    {
        DateTimeOffset? due = null;
        for (var pass = 0; pass < 50; pass++)
        {
            var before = service.Store.Revision;
            due = Pass();
            if (service.Store.Revision == before)
            {
                break;
            }
        }

        return due;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        wake.Writer.TryComplete();
        await Task.WhenAll(tasks).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        stopping.Dispose();
    }

    private DateTimeOffset? Pass()
    {
        foreach (var d in client.List(client.Deployments))
        {
            Guard(() => deployments.Reconcile(d, client.List(client.ReplicaSets)));
        }

        var pods = client.List(client.Pods);
        foreach (var rs in client.List(client.ReplicaSets))
        {
            Guard(() => replicaSets.Reconcile(rs, pods));
        }

        foreach (var job in client.List(client.Jobs))
        {
            Guard(() => jobs.Reconcile(job, pods));
        }

        DateTimeOffset? due = null;
        pods = client.List(client.Pods);
        foreach (var pod in pods)
        {
            DateTimeOffset? next = null;
            Guard(() => next = kubelet.Reconcile(pod));
            if (next is { } n && (due is null || n < due))
            {
                due = n;
            }
        }

        addresses.Retain(client.List(client.Pods).Select(p => p["status"]?["podIP"]?.GetValue<string>()).OfType<string>());
        return due;
    }

    // One object's failed write (a conflict with a client, a webhook refusing it) must not stop the
    // others; the next pass retries it from the state it finds then.
    private static void Guard(Action reconcile)
    {
        try
        {
            reconcile();
        }
        catch (ApiException)
        {
        }
    }

    private async Task Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var due = Settle();
            using var timer = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            var delay = due is { } d ? d - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
            try
            {
                if (delay != Timeout.InfiniteTimeSpan && delay <= TimeSpan.Zero)
                {
                    continue;
                }

                var wait = wake.Reader.WaitToReadAsync(linked.Token).AsTask();
                var tick = delay == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, linked.Token) : Task.Delay(delay, time, linked.Token);
                var first = await Task.WhenAny(wait, tick).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                if (first == wait && !await wait.ConfigureAwait(false))
                {
                    return;
                }

                wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    // Watches one kind inside the store; any event wakes the loop. A watch the fault injector closes is
    // opened again, so dropping clients' watches does not stop the controllers.
    private async Task Pump(string key, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var watcher = new Watcher(key, _ => true);
            lock (service.Store.Gate)
            {
                service.Store.Subscribe(watcher, null, null);
            }

            try
            {
                while (await watcher.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
                {
                    while (watcher.TryRead(out _))
                    {
                    }

                    wake.Writer.TryWrite(true);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                lock (service.Store.Gate)
                {
                    service.Store.Unsubscribe(watcher);
                }

                return;
            }

            wake.Writer.TryWrite(true);
        }
    }
}
