using Xunit;
using System.Diagnostics;

namespace Junction.Testing;

/// <summary>Runs the real kubectl against a kubeconfig with a timeout; the process is killed if it overruns.</summary>
public static class Kubectl
{
    public static Task<KubectlResult> Run(string kubeconfig, string arguments, string? stdin = null, int timeoutSeconds = 30) =>
        Run(new ProcessStartInfo("kubectl", $"--kubeconfig {kubeconfig} {arguments}"), arguments, stdin, timeoutSeconds);

    /// <summary>Runs kubectl with arguments already split, in a working directory, with extra environment variables.</summary>
    public static Task<KubectlResult> Run(
        string kubeconfig, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo("kubectl") { WorkingDirectory = workingDirectory };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Run(info, string.Join(' ', arguments), null, timeoutSeconds);
    }

    private static async Task<KubectlResult> Run(ProcessStartInfo info, string arguments, string? stdin, int timeoutSeconds)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = stdin is not null;
        info.UseShellExecute = false;
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
