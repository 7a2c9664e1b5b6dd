using System.Collections.Concurrent;
using System.Diagnostics;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>
/// An external process whose output is captured line by line and which is killed,
/// with every process it forked, when disposed - also when the test failed.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> stdout = new();
    private readonly ConcurrentQueue<string> stderr = new();

    private ChildProcess(Process process)
    {
        this.process = process;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public IReadOnlyList<string> Stdout => [.. stdout];

    public IReadOnlyList<string> Stderr => [.. stderr];

    public static ChildProcess Start(string file, IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var p = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(p);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.stdout.Enqueue(e.Data);
            }
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.stderr.Enqueue(e.Data);
            }
        };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends a POSIX signal (e.g. HUP) to the process itself.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException($"could not run kill -{name} {Pid}");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{name} {Pid} exited with {kill.ExitCode}");
        }
    }

    public string Describe() =>
        $"{process.StartInfo.FileName} (pid {Pid}{(process.HasExited ? $", exited {process.ExitCode}" : "")})\n" +
        $"stderr:\n{string.Join('\n', stderr.TakeLast(40))}\nstdout:\n{string.Join('\n', stdout.TakeLast(40))}";

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
