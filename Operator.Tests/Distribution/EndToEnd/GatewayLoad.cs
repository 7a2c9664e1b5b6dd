using System.Collections.Concurrent;
using System.Diagnostics;
using Junction.Tests.HAProxy.Traffic.Harness;

namespace Junction.Tests.Distribution.EndToEnd;

/// <summary>
/// A steady client of the gateway: one keep-alive connection pool, one request at a time with a
/// short pause, bounded in count and time. Records which backend answered each request and every
/// failure (an exception or a status other than 200), with when it happened.
/// </summary>
internal sealed class GatewayLoad : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<(TimeSpan At, string Backend)> answers = new();
    private readonly ConcurrentQueue<string> failures = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Task run;

    private GatewayLoad(Uri uri, int maxRequests, TimeSpan maxDuration, TimeSpan pause)
    {
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(10) };
        run = RunAsync(uri, maxRequests, maxDuration, pause);
    }

    public int Sent { get; private set; }

    public IReadOnlyList<string> Failures => [.. failures];

    public IReadOnlyList<(TimeSpan At, string Backend)> Answers => [.. answers];

    public TimeSpan Elapsed => clock.Elapsed;

    public int CountFrom(string backend) => answers.Count(a => a.Backend == backend);

    public static GatewayLoad Start(Uri gateway, int maxRequests = 20_000, TimeSpan? maxDuration = null, TimeSpan? pause = null) =>
        new(new Uri(gateway, "/api/orders"), maxRequests, maxDuration ?? TimeSpan.FromSeconds(90), pause ?? TimeSpan.FromMilliseconds(5));

    /// <summary>Waits until <paramref name="count"/> answers came from <paramref name="backend"/>.</summary>
    public async Task WaitForAsync(string backend, int count, TimeSpan within)
    {
        var deadline = clock.Elapsed + within;
        while (CountFrom(backend) < count)
        {
            if (clock.Elapsed > deadline || run.IsCompleted)
            {
                throw new TimeoutException($"{count} answers from {backend} within {within}: {CountFrom(backend)} after {Sent} requests; failures: {string.Join("; ", Failures.Take(5))}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops the loop and waits for the request in flight.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await run;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        http.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync(Uri uri, int maxRequests, TimeSpan maxDuration, TimeSpan pause)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested && Sent < maxRequests && clock.Elapsed < maxDuration)
        {
            Sent++;
            try
            {
                using var response = await http.GetAsync(uri, CancellationToken.None);
                var backend = response.Headers.TryGetValues(BackendServer.NameHeader, out var names) ? names.First() : "(none)";
                if ((int)response.StatusCode == 200)
                {
                    answers.Enqueue((clock.Elapsed, backend));
                }
                else
                {
                    failures.Enqueue($"{clock.Elapsed.TotalSeconds:0.000}s: status {(int)response.StatusCode} from {backend}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                failures.Enqueue($"{clock.Elapsed.TotalSeconds:0.000}s: {e.GetType().Name}: {e.GetBaseException().Message}");
            }

            try
            {
                await Task.Delay(pause, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
