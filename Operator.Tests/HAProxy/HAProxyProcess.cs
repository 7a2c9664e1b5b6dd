using System.Diagnostics;

namespace Junction.Tests.HAProxy;

/// <summary>Runs the real haproxy binary; every process started here is killed when disposed.</summary>
internal sealed class HAProxyProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private HAProxyProcess(Process process) => _process = process;

    /// <summary>What haproxy printed so far.</summary>
    public string Output => string.Join("\n", _output);

    public static bool Installed { get; } = FindOnPath("haproxy") is not null;

    /// <summary>Runs haproxy -c -f on the file; returns the exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Check(string configPath)
    {
        using var process = Start("-c", "-f", configPath);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "haproxy -c did not finish within 30s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Starts haproxy the way the gateway Deployment does: master-worker, foreground.</summary>
    public static HAProxyProcess Run(string configPath)
    {
        var process = Start("-W", "-db", "-f", configPath);
        var running = new HAProxyProcess(process);
        process.ErrorDataReceived += (_, e) => running.Collect(e.Data);
        process.OutputDataReceived += (_, e) => running.Collect(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return running;
    }

    public bool HasExited => _process.HasExited;

    private void Collect(string? line)
    {
        if (line is not null && _output.Count < 1000)
        {
            _output.Enqueue(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("haproxy")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
