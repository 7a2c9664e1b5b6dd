using Junction.Hosting;
using k8s;
using Microsoft.Extensions.Logging;

namespace Junction.Tests.Reconciliation;

/// <summary>An operator running in the test process; disposing stops it and waits for it to finish.</summary>
internal sealed class RunningOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task run;

    private RunningOperator(OperatorHost host, CancellationTokenSource stop, Task run)
    {
        Host = host;
        this.stop = stop;
        this.run = run;
    }

    public OperatorHost Host { get; }

    /// <summary>Task of the run loop; completes when the operator stops.</summary>
    public Task Completion => run;

    /// <summary>Starts the operator and waits until its caches have synced.</summary>
    public static async Task<RunningOperator> StartAsync(IKubernetes client, OperatorOptions options, ILoggerFactory loggers, CancellationToken ct, TimeProvider? time = null)
    {
        var host = new OperatorHost(options, (Kubernetes)client, loggers, time ?? TimeProvider.System);
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(stop.Token), CancellationToken.None);
        await Task.WhenAny(host.CachesSynced, run).WaitAsync(ct);
        if (run.IsCompleted)
        {
            await run;
        }

        return new RunningOperator(host, stop, run);
    }

    /// <summary>Stops the operator (as SIGTERM would) and waits for in-flight work to finish.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!run.IsCompleted)
        {
            await StopAsync();
        }

        stop.Dispose();
    }
}
