using System.Collections.Concurrent;

namespace Junction.Tests.HAProxy.Traffic;

/// <summary>What a load loop saw: successes per backend and every failure.</summary>
internal sealed class LoadOutcome
{
    private readonly ConcurrentQueue<string> failures = new();
    private readonly ConcurrentDictionary<string, int> byBackend = new(StringComparer.Ordinal);
    private int total;

    public int Total => Volatile.Read(ref total);

    public IReadOnlyList<string> Failures => [.. failures];

    public IReadOnlyDictionary<string, int> ByBackend => byBackend;

    public void Record(string? failure, string? backend)
    {
        Interlocked.Increment(ref total);
        if (failure is not null)
        {
            failures.Enqueue(failure);
        }
        else
        {
            byBackend.AddOrUpdate(backend ?? "?", 1, (_, n) => n + 1);
        }
    }
}
