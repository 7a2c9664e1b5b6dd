using Xunit;
using System.Diagnostics;

namespace Junction.Testing;

/// <summary>Polls a condition with a bounded deadline instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static async Task True(Func<bool> condition, string because, TimeSpan? timeout = null, Action? eachPoll = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                Assert.Fail($"Timed out waiting until {because}.");
            }
            eachPoll?.Invoke();
            await Task.Delay(2);
        }
    }
}
