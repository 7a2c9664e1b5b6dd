using Xunit;
using System.Diagnostics;

namespace Junction.Testing;

/// <summary>Runs the real kubectl against a kubeconfig with a timeout; the process is killed if it overruns.</summary>
public static class Kubectl
{
    public static async Task<KubectlResult> Run(string kubeconfig, string arguments, string? stdin = null, int timeoutSeconds = 30)
    {
        var info = new ProcessStartInfo("kubectl", $"--kubeconfig {kubeconfig} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new KubectlResult(-1, await stdout, await stderr + $"\nkubectl {arguments} timed out after {timeoutSeconds}s");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}
