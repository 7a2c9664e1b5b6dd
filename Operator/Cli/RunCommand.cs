using System.Runtime.InteropServices;
using Junction.Hosting;
using k8s;
using Microsoft.Extensions.Logging;

namespace Junction.Cli;

/// <summary>junction run: the operator, against a cluster or (--local) an in-memory API server.</summary>
internal sealed class RunCommand : ICommand
{
    /// <inheritdoc />
    public string Name => "run";

    /// <inheritdoc />
    public string Summary => "run the operator (--local: in-memory API server with the samples)";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            await console.Out.WriteLineAsync(RunArguments.Usage).ConfigureAwait(false);
            return 0;
        }

        var parsed = RunArguments.Parse(args);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // SIGTERM is how Kubernetes stops a pod: stop taking work, finish in-flight reconciles, exit.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _ = stop.CancelAsync();
        });
        using var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            }));
        return parsed.Local
            ? await LocalRun.RunAsync(parsed, console, loggers, stop.Token).ConfigureAwait(false)
            : await RunInClusterAsync(parsed, loggers, stop.Token).ConfigureAwait(false);
    }

    private static async Task<int> RunInClusterAsync(RunArguments args, ILoggerFactory loggers, CancellationToken ct)
    {
        var (config, source) = KubeconfigResolver.Resolve(args.Kubeconfig);
        var options = RunCommandOptions.ForCluster(args, KubernetesClientConfiguration.IsInCluster(), config.Namespace);
        using var client = new Kubernetes(config);
        var logger = loggers.CreateLogger<RunCommand>();
        HostLog.Starting(logger, options.Workers, options.WatchNamespace ?? "(all)", options.LeaderElect, source);
        await new OperatorHost(options, client, loggers, TimeProvider.System).RunAsync(ct).ConfigureAwait(false);
        return 0;
    }
}
