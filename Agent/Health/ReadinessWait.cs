using System.Globalization;
using System.Net;

namespace Junction.Agent.Health;

/// <summary>
/// <c>junction-agent wait [--health-port 15021] [--timeout-seconds 120]</c>: polls the agent's own
/// readiness endpoint until it answers 200. On Kubernetes before 1.29 the injected proxy is the
/// first regular container and runs this as its postStart hook: the kubelet starts the next
/// container only once the hook returns, so the app starts after the first config runs.
/// </summary>
internal static class ReadinessWait
{
    /// <summary>The usage text.</summary>
    public const string Usage = "usage: junction-agent wait [--health-port 15021] [--timeout-seconds 120]";

    /// <summary>Parses the flags and waits; 0 once ready, 1 on timeout, 2 on bad flags.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter error, TimeProvider time, CancellationToken ct)
    {
        var (port, seconds) = (15021, 120);
        for (var i = 0; i < args.Count; i++)
        {
            var value = 0;
            var ok = i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
            switch (args[i])
            {
                case "--health-port" when ok && value <= 65535:
                    port = value;
                    break;
                case "--timeout-seconds" when ok:
                    seconds = value;
                    break;
                default:
                    await error.WriteLineAsync("junction-agent wait: bad argument " + args[i] + "\n" + Usage);
                    return 2;
            }

            i++;
        }

        var uri = new Uri($"http://{IPAddress.Loopback}:{port.ToString(CultureInfo.InvariantCulture)}/healthz/ready");
        if (await WaitAsync(uri, TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(500), time, ct))
        {
            return 0;
        }

        await error.WriteLineAsync($"junction-agent wait: {uri} did not answer 200 within {seconds} s");
        return 1;
    }

    /// <summary>True once <paramref name="uri"/> answers 200, asked every <paramref name="every"/>; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitAsync(Uri uri, TimeSpan timeout, TimeSpan every, TimeProvider time, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = time.GetUtcNow() + timeout;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(uri, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet, or slow: ask again.
            }

            if (time.GetUtcNow() + every > deadline)
            {
                return false;
            }

            await Task.Delay(every, time, ct);
        }

        return false;
    }
}
