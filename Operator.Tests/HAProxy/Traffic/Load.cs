using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>Bounded request loops: every loop stops by itself after a count or a time limit.</summary>
internal static class Load
{
    /// <summary>Sends <paramref name="total"/> GETs with <paramref name="concurrency"/> in flight; returns the answering backend of each (null for non-200).</summary>
    public static async Task<IReadOnlyList<(HttpStatusCode Status, string? Backend)>> GetManyAsync(HttpClient client, string path, int total, int concurrency, CancellationToken ct)
    {
        var results = new ConcurrentBag<(HttpStatusCode, string?)>();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                results.Add(await client.SendAsync(HttpMethod.Get, path, ct: ct));
            }
        });
        await Task.WhenAll(workers);
        return [.. results];
    }

    /// <summary>
    /// Runs GETs from <paramref name="concurrency"/> workers until <paramref name="stop"/> is
    /// cancelled, or at most <paramref name="maxRequests"/> requests or <paramref name="maxTime"/>.
    /// Every outcome is recorded, failures as their exception type.
    /// </summary>
    public static async Task<LoadOutcome> RunUntilAsync(HttpClient client, string path, int concurrency, int maxRequests, TimeSpan maxTime, CancellationToken stop)
    {
        var outcome = new LoadOutcome();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stop.IsCancellationRequested && clock.Elapsed < maxTime && Interlocked.Increment(ref sent) <= maxRequests)
            {
                try
                {
                    var (status, backend) = await client.SendAsync(HttpMethod.Get, path);
                    outcome.Record(status == HttpStatusCode.OK ? null : $"HTTP {(int)status}", backend);
                }
                catch (HttpRequestException e)
                {
                    outcome.Record($"{e.GetType().Name}: {e.Message}", null);
                }
                catch (TaskCanceledException e)
                {
                    outcome.Record($"timeout: {e.Message}", null);
                }
            }
        });
        await Task.WhenAll(workers);
        return outcome;
    }
}
