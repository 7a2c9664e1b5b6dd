using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Junction.Tests.HAProxy.Traffic.Harness;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// A pod's real HAProxy sidecar, started as the contract says: inside the pod's namespace as
/// uid/gid 1337, <c>haproxy -W -db -S &lt;root&gt;/var/run/junction/master.sock -f &lt;root&gt;/etc/junction/proxy/haproxy.cfg</c>.
/// Talks to it through the master socket (reload, <c>show proc</c>) and the admin socket (runtime API).
/// </summary>
internal sealed class MeshSidecar : IDisposable
{
    public const int ProxyUid = 1337;

    private readonly ChildProcess process;

    private MeshSidecar(ChildProcess process, string root)
    {
        this.process = process;
        Root = root;
    }

    /// <summary>The pod's file system root the bundle was rendered for (<c>--root</c>).</summary>
    public string Root { get; }

    public string ConfigPath => BundlePath(Root, "haproxy.cfg");

    public string MasterSocket => Path.Combine(Root, "var/run/junction/master.sock");

    public string AdminSocket => Path.Combine(Root, "var/run/junction/admin.sock");

    /// <summary>The master's process id; the workers are its children.</summary>
    public int MasterPid => process.Pid;

    public bool HasExited => process.HasExited;

    /// <summary>What the master and its workers printed (startup warnings and errors).</summary>
    public string Describe() => process.Describe();

    public static string BundlePath(string root, string file) => Path.Combine(root, "etc/junction/proxy", file);

    public static MeshSidecar Start(string netns, string root)
    {
        var process = ChildProcess.Start(
            "ip",
            [
                "netns", "exec", netns, "setpriv", $"--reuid={ProxyUid}", $"--regid={ProxyUid}", "--clear-groups",
                Tools.Require("haproxy"), "-W", "-db", "-S", Path.Combine(root, "var/run/junction/master.sock"), "-f", BundlePath(root, "haproxy.cfg"),
            ],
            root);
        return new MeshSidecar(process, root);
    }

    /// <summary>Waits until the worker runs and answers on its admin socket.</summary>
    public async Task WaitRunningAsync(TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the sidecar exited: {process.Describe()}");
            }

            try
            {
                if ((await AdminAsync("show info", ct)).Contains("Pid:", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException e)
            {
                last = e;
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"the sidecar did not answer on {AdminSocket} within {limit.TotalSeconds}s ({last?.Message}): {process.Describe()}");
    }

    /// <summary>One runtime API command on the admin socket (level admin); returns the whole answer.</summary>
    public Task<string> AdminAsync(string command, CancellationToken ct) => AskAsync(AdminSocket, command, ct);

    /// <summary>One master CLI command (e.g. <c>show proc</c>, <c>@1 show info</c>).</summary>
    public async Task<string> MasterAsync(string command, CancellationToken ct)
    {
        // On 2.6 the master refuses connections for a moment around a reload.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await AskAsync(MasterSocket, command, ct);
            }
            catch (SocketException) when (attempt < 40)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    /// <summary>
    /// Reloads the files on disk: <c>reload</c> on the master socket, then waits until <c>show proc</c>
    /// counts one more reload; throws with the proxy's output when the new config failed to load.
    /// </summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        var before = ProcessTable.Parse(await MasterAsync("show proc", ct));
        try
        {
            await MasterAsync("reload", ct);
        }
        catch (SocketException)
        {
            // 2.6 closes the connection without an answer: expected.
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50, ct);
            ProcessTable now;
            try
            {
                now = ProcessTable.Parse(await MasterAsync("show proc", ct));
            }
            catch (FormatException)
            {
                continue;
            }

            if (now.FailedReloads > before.FailedReloads)
            {
                throw new InvalidOperationException($"the sidecar's reload failed; the old worker keeps running: {process.Describe()}");
            }

            if (now.Reloads > before.Reloads && now.CurrentWorker != 0 && now.CurrentWorker != before.CurrentWorker)
            {
                return;
            }
        }

        throw new TimeoutException($"the sidecar did not reload within 15s: {process.Describe()}");
    }

    /// <summary>Every server slot of the running worker.</summary>
    public async Task<IReadOnlyList<ServerState>> ServersAsync(CancellationToken ct) =>
        ServerState.Parse(await AdminAsync("show servers state", ct));

    public void Dispose() => process.Dispose();

    private static async Task<string> AskAsync(string path, string command, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), limit.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), limit.Token);

        // Both CLIs answer once they see the end of the input (the master forwards @N commands only then).
        socket.Shutdown(SocketShutdown.Send);
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, limit.Token)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return answer.ToString();
    }
}
