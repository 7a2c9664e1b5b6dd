using System.Globalization;
using Junction.ApiServer;

namespace Junction.Cli;

/// <summary>junction local-apiserver: runs the in-memory Kubernetes API server in the foreground and writes a kubeconfig for it.</summary>
internal sealed class LocalApiServerCommand : ICommand
{
    public string Name => "local-apiserver";

    public string Summary => "run an in-memory Kubernetes API server on 127.0.0.1 and write its kubeconfig";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        string? kubeconfig = null;
        var port = 0;
        var crds = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--kubeconfig" when i + 1 < args.Count:
                    kubeconfig = args[++i];
                    break;
                case "--crds" when i + 1 < args.Count:
                    crds.Add(args[++i]);
                    break;
                case "--port" when i + 1 < args.Count:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        throw new UsageException($"--port: \"{args[i]}\" is not a port number (0-65535)");
                    }

                    break;
                default:
                    throw new UsageException($"unknown or incomplete option \"{args[i]}\"; usage: junction local-apiserver --kubeconfig <path> [--port N] [--crds <file-or-dir>]...");
            }
        }

        if (kubeconfig is null)
        {
            throw new UsageException("--kubeconfig <path> is required");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _ = stop.CancelAsync();
        });
        await using var server = await InMemoryApiServer.StartAsync(new ApiServerOptions { Port = port, CrdPaths = crds }, cancellationToken).ConfigureAwait(false);
        server.WriteKubeconfig(kubeconfig);
        await console.Out.WriteLineAsync($"Serving the Kubernetes API on {server.BaseAddress}; kubeconfig written to {kubeconfig}. Ctrl+C stops.").ConfigureAwait(false);
        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
