using Xunit;
using Junction.Cli;

namespace Junction.Tests.Cli;

public sealed class LocalApiServerCommandTests
{
    [Fact]
    public async Task LocalApiServer_WritesKubeconfigAndServesUntilCancelled()
    {
        var directory = Directory.CreateTempSubdirectory("junction-local-").FullName;
        var kubeconfig = Path.Combine(directory, "config");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, new StringWriter());
        try
        {
            var run = CommandDispatcher.RunAsync(["local-apiserver", "--kubeconfig", kubeconfig], console, stop.Token);
            var server = await WaitForServer(kubeconfig, run);
            var version = await Kubectl.Run(kubeconfig, "version -o json");
            await stop.CancelAsync();
            var exit = await run.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.StartsWith("http://127.0.0.1:", server, StringComparison.Ordinal);
            Assert.True(version.ExitCode == 0, version.ToString());
            Assert.Contains("\"serverVersion\"", version.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, exit);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task LocalApiServer_WithoutKubeconfig_IsAUsageError()
    {
        var error = new StringWriter();

        var exit = await CommandDispatcher.RunAsync(["local-apiserver"], new CliConsole(TextReader.Null, new StringWriter(), error), CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("--kubeconfig <path> is required", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> WaitForServer(string kubeconfig, Task<int> run)
    {
        for (var i = 0; i < 200 && !run.IsCompleted; i++)
        {
            if (File.Exists(kubeconfig))
            {
                var line = File.ReadAllLines(kubeconfig).FirstOrDefault(l => l.Trim().StartsWith("server:", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line.Trim()["server:".Length..].Trim();
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"local-apiserver wrote no kubeconfig; exit task completed: {run.IsCompleted}");
    }
}
