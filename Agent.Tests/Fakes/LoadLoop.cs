using System.Diagnostics;

namespace Junction.Agent.Tests.Fakes;

/// <summary>Requests one after another, bounded in count and time; counts the ones that failed.</summary>
internal sealed class LoadLoop
{
    public int Sent;
    public int Failed;
    public readonly List<string> Errors = [];
    public readonly HashSet<string> Bodies = [];

    public async Task RunAsync(Func<Task<string>> request, int count, TimeSpan cap, Func<int, Task>? atRequest = null)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count && watch.Elapsed < cap; i++)
        {
            if (atRequest is not null)
            {
                await atRequest(i);
            }

            Sent++;
            try
            {
                Bodies.Add(await request());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Failed++;
                Errors.Add(e.GetBaseException().Message);
            }

            await Task.Delay(10);
        }
    }
}
