namespace Junction.Benchmarks.Propagation;

/// <summary>One request every <c>pause</c> on a route that does not change; anything but the expected answer is a failure.</summary>
internal sealed class SteadyLoad : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> failures = [];
    private readonly Task run;
    private int sent;

    public SteadyLoad(Uri uri, string expected, TimeSpan pause) => run = RunAsync(uri, expected, pause);

    public int Sent => Volatile.Read(ref sent);

    public int Failed
    {
        get
        {
            lock (failures)
            {
                return failures.Count;
            }
        }
    }

    public IReadOnlyList<string> FirstFailures
    {
        get
        {
            lock (failures)
            {
                return [.. failures.Take(5)];
            }
        }
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await run;
    }

    public void Dispose()
    {
        stop.Cancel();
        http.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync(Uri uri, string expected, TimeSpan pause)
    {
        await Task.Yield();
        // Bounded: at most an hour of requests, whatever happens to the benchmark around it.
        var deadline = DateTime.UtcNow + TimeSpan.FromHours(1);
        while (!stop.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            Interlocked.Increment(ref sent);
            string? problem;
            try
            {
                using var r = await http.GetAsync(uri);
                var body = await r.Content.ReadAsStringAsync();
                problem = (int)r.StatusCode == 200 && body == expected ? null : $"status {(int)r.StatusCode} body {body}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                problem = e.GetBaseException().Message;
            }

            if (problem is not null)
            {
                lock (failures)
                {
                    failures.Add(DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " " + problem);
                }
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
