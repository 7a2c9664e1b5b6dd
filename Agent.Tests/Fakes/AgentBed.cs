using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Junction.Agent.Api;
using Junction.Agent.HAProxy;
using Xunit.Abstractions;

namespace Junction.Agent.Tests.Fakes;

/// <summary>
/// One agent under test beside a real HAProxy 2.6, a fake operator and a root directory of its
/// own, everything on loopback. Disposing stops the agent with SIGTERM (it stops HAProxy), and
/// kills whatever is left, also when the test failed.
/// </summary>
internal sealed class AgentBed : IAsyncDisposable
{
    private readonly ITestOutputHelper output;
    private readonly ConcurrentQueue<string> lines = new();
    private Process? agent;

    private AgentBed(ITestOutputHelper output)
    {
        this.output = output;
        Root = Directory.CreateTempSubdirectory("ja-").FullName;
        Ca = new TestCa("junction test ca");
        Operator = new FakeOperator(Ca, "token-" + Guid.NewGuid().ToString("N"), FreePort.Next());
        File.WriteAllText(Path.Join(Root, "token"), Operator.Token);
        File.WriteAllText(Path.Join(Root, "operator-ca.pem"), Ca.Pem);
    }

    public string Root { get; }

    public TestCa Ca { get; }

    public FakeOperator Operator { get; }

    public int HealthPort { get; } = FreePort.Next();

    public int WebPort { get; } = FreePort.Next();

    public int TlsPort { get; } = FreePort.Next();

    public int AgentPid => agent!.Id;

    public string MasterSocket => Root + "/var/run/junction/master.sock";

    public static async Task<AgentBed> StartAsync(ITestOutputHelper output, Action<FakeOperator>? configure = null)
    {
        var bed = new AgentBed(output);
        configure?.Invoke(bed.Operator);
        await bed.Operator.StartAsync();
        return bed;
    }

    public ConfigBundle Bundle(string version, string hostMap, string extraFrontendLine = "", bool tls = false) =>
        TestBundle.Create(Root, WebPort, tls ? TlsPort : null, version, hostMap, extraFrontendLine);

    public void StartAgent()
    {
        var (file, prefix, description) = AgentBinary.Locate();
        output.WriteLine("agent: " + description);
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat([
            "run", "--operator", Operator.Uri.ToString(), "--operator-ca", Path.Join(Root, "operator-ca.pem"),
            "--proxy", "gateway/shop/checkout", "--instance", "checkout-0", "--token-file", Path.Join(Root, "token"),
            "--root", Root, "--health-port", HealthPort.ToString(CultureInfo.InvariantCulture), "--health-address", "127.0.0.1",
            "--heartbeat-seconds", "2"]))
        {
            info.ArgumentList.Add(a);
        }

        var p = new Process { StartInfo = info };
        p.OutputDataReceived += (_, e) => Add(e.Data);
        p.ErrorDataReceived += (_, e) => Add(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        agent = p;
    }

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>The readiness status code on the agent's port, or 0 when nothing answers.</summary>
    public async Task<int> ReadinessAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var r = await http.GetAsync("http://127.0.0.1:" + HealthPort + "/healthz/ready");
            return (int)r.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    public async Task<WorkerInfo?> WorkerAsync() =>
        WorkerInfo.Parse(await UnixCli.SendAsync(MasterSocket, "@1 show info", true, TimeSpan.FromSeconds(3), CancellationToken.None));

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        T last;
        do
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or HttpRequestException or TaskCanceledException)
            {
                last = default!;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException(what + " within " + within + "; last: " + last);
    }

    /// <summary>The agent's resident and proportional set sizes in KiB (/proc).</summary>
    public (long RssKiB, long PssKiB, long PeakRssKiB) Memory()
    {
        var status = File.ReadAllLines("/proc/" + agent!.Id + "/status");
        var pss = File.ReadAllLines("/proc/" + agent.Id + "/smaps_rollup").First(l => l.StartsWith("Pss:", StringComparison.Ordinal));
        static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (KiB(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))), KiB(pss), KiB(status.First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))));
    }

    /// <summary>SIGTERM, and the agent's exit code (null when it had to be killed).</summary>
    public async Task<int?> StopAgentAsync()
    {
        if (agent is not { } p || p.HasExited)
        {
            return agent?.ExitCode;
        }

        Signals.Send(p.Id, Signals.Term);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await p.WaitForExitAsync(cts.Token);
            return p.ExitCode;
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        KillLeftoverHAProxy();
        await Operator.DisposeAsync();
        agent?.Dispose();
        foreach (var line in lines)
        {
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }

        Ca.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void KillLeftoverHAProxy()
    {
        var pidFile = Root + "/var/run/junction/haproxy.pid";
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                if (!p.HasExited && p.ProcessName.Contains("haproxy", StringComparison.Ordinal))
                {
                    p.Kill(entireProcessTree: true);
                }
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + line);
        }
    }
}
