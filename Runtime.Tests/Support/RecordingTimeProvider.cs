using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Runtime.Tests.Support;

/// <summary>A fake clock that also records the due time of every timer created, so a test knows a delay has begun.</summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> dueTimes = new();

    public IReadOnlyList<TimeSpan> DueTimes => [.. dueTimes];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        dueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
