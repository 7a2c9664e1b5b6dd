using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>
/// The real haproxy binary in master-worker mode, run exactly as the proxy pod runs it:
/// <c>haproxy -W -db -S &lt;master.sock&gt; -f &lt;haproxy.cfg&gt;</c>. A reload is what a config
/// watcher does after the ConfigMap file changed: the new file replaces the old one at the
/// same path, then <c>reload</c> is sent to the master CLI.
/// </summary>
internal sealed class HAProxyInstance : IDisposable
{
    private readonly ChildProcess process;

    private HAProxyInstance(ChildProcess process, string configPath, string masterSocket)
    {
        this.process = process;
        ConfigPath = configPath;
        MasterSocket = masterSocket;
    }

    public string ConfigPath { get; }

    public string MasterSocket { get; }

    /// <summary>The master's process id (the worker is its child).</summary>
    public int MasterPid => process.Pid;

    /// <summary>Everything written on stdout so far: the access log and the log of server state changes.</summary>
    public IReadOnlyList<string> Stdout => process.Stdout;

    public static bool IsInstalled => Tools.Find("haproxy") is not null;

    public static async Task<HAProxyInstance> StartAsync(string config, string directory, IReadOnlyList<IPEndPoint> listeners, CancellationToken ct)
    {
        var configPath = Path.Combine(directory, "haproxy.cfg");
        var socket = Path.Combine(directory, "master.sock");
        await File.WriteAllTextAsync(configPath, config, ct);
        var process = ChildProcess.Start(Tools.Require("haproxy"), ["-W", "-db", "-S", socket, "-f", configPath], directory);
        var instance = new HAProxyInstance(process, configPath, socket);
        try
        {
            foreach (var listener in listeners)
            {
                await instance.WaitAcceptingAsync(listener, ct);
            }

            await instance.WaitWorkerAsync(ct);
            return instance;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>Runs one master CLI command and returns its whole answer.</summary>
    public async Task<string> MasterCommandAsync(string command, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(MasterSocket), ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), ct);

        // The master CLI answers once it sees the end of the input.
        socket.Shutdown(SocketShutdown.Send);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, ct)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return answer.ToString();
    }

    /// <summary>The current worker's pid, from the master's <c>show proc</c>.</summary>
    public async Task<int> WorkerPidAsync(CancellationToken ct) => (await ProcessTableAsync(ct)).CurrentWorker;

    /// <summary>
    /// Replaces the config file in place and reloads through the master CLI; returns when a new
    /// worker runs the new file. Throws if the master reports the reload as failed.
    /// </summary>
    public async Task<int> ReloadAsync(string config, CancellationToken ct)
    {
        var before = await ProcessTableAsync(ct);
        await SaveServerStateAsync(config, ct);
        var temp = ConfigPath + ".new";
        await File.WriteAllTextAsync(temp, config, ct);
        File.Move(temp, ConfigPath, overwrite: true);
        await MasterCommandAsync("reload", ct);

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(25, ct);
            ProcessTable now;
            try
            {
                now = await ProcessTableAsync(ct);
            }
            catch (SocketException)
            {
                continue; // the master re-executes itself and briefly closes its socket
            }

            if (now.FailedReloads > before.FailedReloads)
            {
                throw new InvalidOperationException($"haproxy reload failed: {process.Describe()}");
            }

            if (now.Reloads > before.Reloads && now.CurrentWorker != 0 && now.CurrentWorker != before.CurrentWorker)
            {
                return now.CurrentWorker;
            }
        }

        throw new TimeoutException($"haproxy did not start a new worker within 10s: {process.Describe()}");
    }

    /// <summary>
    /// When the config names a <c>server-state-file</c>, the running worker's server state (the
    /// addresses DNS gave it) is saved there before the reload, so that the new worker starts
    /// with those addresses instead of none until its first DNS answer.
    /// </summary>
    private async Task SaveServerStateAsync(string config, CancellationToken ct)
    {
        var line = config.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("server-state-file ", StringComparison.Ordinal));
        if (line is null)
        {
            return;
        }

        var path = Path.Combine(Path.GetDirectoryName(ConfigPath)!, line["server-state-file ".Length..].Trim().Trim('"'));
        var state = await MasterCommandAsync("@1 show servers state", ct);
        await File.WriteAllTextAsync(path, state, ct);
    }

    /// <summary>Resident memory of the current worker, from /proc.</summary>
    public async Task<long> WorkerRssKilobytesAsync(CancellationToken ct)
    {
        var pid = await WorkerPidAsync(ct);
        var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status", ct)).Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Every server slot of the current worker (asked through the master CLI).</summary>
    public async Task<IReadOnlyList<ServerState>> ServersAsync(CancellationToken ct) =>
        ServerState.Parse(await MasterCommandAsync("@1 show servers state", ct));

    public string Describe() => process.Describe();

    private async Task WaitAcceptingAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                break;
            }

            using var probe = new TcpClient(AddressFamily.InterNetwork);
            try
            {
                await probe.ConnectAsync(endpoint, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25, ct);
            }
        }

        throw new InvalidOperationException($"haproxy is not accepting on {endpoint}: {process.Describe()}");
    }

    private async Task WaitWorkerAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
        {
            try
            {
                if ((await ProcessTableAsync(ct)).CurrentWorker != 0)
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // The master socket is not there yet.
            }

            await Task.Delay(25, ct);
        }

        throw new InvalidOperationException($"haproxy started no worker: {process.Describe()}");
    }

    private async Task<ProcessTable> ProcessTableAsync(CancellationToken ct)
    {
        var text = await MasterCommandAsync("show proc", ct);
        return ProcessTable.Parse(text);
    }

    public void Dispose() => process.Dispose();
}
