using System.Diagnostics;
using Junction.Agent.Hosting;

namespace Junction.Agent.HAProxy;

/// <summary>
/// The HAProxy master the agent starts (<c>-W -S master.sock</c>) and stops. Its output is passed
/// on to the agent's and the last lines are kept, numbered, so a failed reload can be reported
/// with the ALERTs the master printed while loading.
/// </summary>
internal sealed class HAProxyProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process process;
    private readonly Log log;
    private readonly Queue<(long Seq, string Line)> lines = new();
    private readonly Lock gate = new();
    private long seq;

    private HAProxyProcess(Process process, string configFile, Log log)
    {
        this.process = process;
        ConfigFile = configFile;
        this.log = log;
    }

    /// <summary>The configuration file the master runs (and reloads) from.</summary>
    public string ConfigFile { get; }

    /// <summary>The master's pid.</summary>
    public int Pid => process.Id;

    /// <summary>Whether the master has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The sequence number of the latest output line (a mark for <see cref="LinesSince"/>).</summary>
    public long Mark
    {
        get
        {
            lock (gate)
            {
                return seq;
            }
        }
    }

    /// <summary>Starts the master on <paramref name="config"/>.</summary>
    public static HAProxyProcess Start(string haproxy, string config, string masterSocket, string pidFile, Log log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(masterSocket)!);
        var info = new ProcessStartInfo(haproxy)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-W", "-S", masterSocket + ",mode,600", "-p", pidFile, "-f", config })
        {
            info.ArgumentList.Add(a);
        }

        var p = new Process { StartInfo = info, EnableRaisingEvents = true };
        var h = new HAProxyProcess(p, config, log);
        p.OutputDataReceived += (_, e) => h.Add(e.Data);
        p.ErrorDataReceived += (_, e) => h.Add(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return h;
    }

    /// <summary>The output lines after <paramref name="mark"/> (as many as are kept).</summary>
    public IReadOnlyList<string> LinesSince(long mark)
    {
        lock (gate)
        {
            return [.. lines.Where(l => l.Seq > mark).Select(l => l.Line)];
        }
    }

    /// <summary>Soft stop (SIGUSR1: in-flight requests finish, bounded by <c>hard-stop-after</c>), then hard stop after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        Signals.Send(process.Id, Signals.User1);
        using var soft = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(soft.Token);
            return;
        }
        catch (OperationCanceledException)
        {
        }

        Signals.Send(process.Id, Signals.Term);
        using var hard = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await process.WaitForExitAsync(hard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Waits until the master exits.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    /// <inheritdoc/>
    public void Dispose() => process.Dispose();

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        log.HAProxy(line);
        lock (gate)
        {
            lines.Enqueue((++seq, line));
            while (lines.Count > KeptLines)
            {
                lines.Dequeue();
            }
        }
    }
}
