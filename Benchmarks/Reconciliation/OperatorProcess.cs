using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Junction.Benchmarks.Reconciliation;

/// <summary>
/// The operator (junction.dll from this build) in a process of its own, so that its memory is
/// measured without the benchmark's or the API server's; stopped, with its children, on dispose.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly int metricsPort;
    private readonly int healthPort;

    private OperatorProcess(Process process, int metricsPort, int healthPort)
    {
        this.process = process;
        this.metricsPort = metricsPort;
        this.healthPort = healthPort;
    }

    /// <summary>
    /// Starts the operator against <paramref name="kubeconfig"/> with <paramref name="workers"/> workers and
    /// the environment variables in <paramref name="environment"/> (for example DOTNET_GCgen0size).
    /// </summary>
    public static OperatorProcess Start(string kubeconfig, int workers, IReadOnlyDictionary<string, string> environment)
    {
        var (metricsPort, healthPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "junction.dll"), "run", "--kubeconfig", kubeconfig,
            "--workers", workers.ToString(CultureInfo.InvariantCulture), "--leader-elect=false",
            "--metrics-bind-address", $"127.0.0.1:{metricsPort}", "--health-probe-bind-address", $"127.0.0.1:{healthPort}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new OperatorProcess(process, metricsPort, healthPort);
    }

    /// <summary>Waits until /readyz answers 200 (every cache synced), for at most <paramref name="limit"/>.</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The operator exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The operator was not ready within {limit.TotalSeconds:F0} s.");
    }

    /// <summary>Resident set and managed heap, as the operator reports them on /metrics.</summary>
    public async Task<(double Rss, double Heap)> MemoryAsync()
    {
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        return (Gauge(text, "process_resident_memory_bytes"), Gauge(text, "dotnet_gc_heap_size_bytes"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static double Gauge(string metrics, string name) =>
        double.Parse(metrics.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
