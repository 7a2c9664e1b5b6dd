using System.Diagnostics;
using System.Net;

namespace Junction.Hosting.Local;

/// <summary>
/// One "pod" of a gateway in a local run: a junction-agent process (which starts HAProxy) with its
/// own root directory, loopback address and ServiceAccount token file, wired as in a pod.
/// </summary>
internal sealed class LocalProxyInstance : IAsyncDisposable
{
    private const int OutputLines = 400;
    private readonly Queue<string> output = new();
    private readonly Process process;

    private LocalProxyInstance(string proxy, string instance, IPAddress address, string root, Process process)
    {
        Proxy = proxy;
        Instance = instance;
        Address = address;
        Root = root;
        this.process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The proxy, as the agent names it: <c>gateway/&lt;ns&gt;/&lt;name&gt;</c>.</summary>
    public string Proxy { get; }

    /// <summary>The instance (pod) name.</summary>
    public string Instance { get; }

    /// <summary>The loopback address this instance listens on.</summary>
    public IPAddress Address { get; }

    /// <summary>Its root directory.</summary>
    public string Root { get; }

    /// <summary>The token file's path inside the root, as in a pod.</summary>
    public static string TokenPath(string root) => Path.Combine(root, "var/run/secrets/junction/token");

    /// <summary>True once the agent process ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The last lines the agent printed, for a report when it stops unexpectedly.</summary>
    public string RecentOutput()
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }

    /// <summary>Starts the agent; the token file must already exist.</summary>
    public static LocalProxyInstance Start(LocalProxyOptions options, string proxy, string instance, IPAddress address, string root)
    {
        var start = new ProcessStartInfo(options.AgentPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "run",
            "--operator", options.Operator.ToString().TrimEnd('/'),
            "--operator-ca", options.OperatorCaFile,
            "--proxy", proxy,
            "--instance", instance,
            "--token-file", TokenPath(root),
            "--root", root,
            "--haproxy", options.HAProxyPath,
            "--bind-address", address.ToString(),
            "--resolver", options.Resolver.ToString(),
            "--heartbeat-seconds", ((int)Math.Max(1, options.Heartbeat.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {options.AgentPath}");
        return new LocalProxyInstance(proxy, instance, address, root, process);
    }

    /// <summary>Kills the agent and its HAProxy at once, as a node that vanishes would: nothing says goodbye.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The agent's process id.</summary>
    public int Pid => process.Id;

    /// <summary>Stops the agent as the kubelet stops a pod: SIGTERM, then SIGKILL after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                if (term is not null)
                {
                    await term.WaitForExitAsync().ConfigureAwait(false);
                }
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > OutputLines)
            {
                output.Dequeue();
            }
        }
    }
}
