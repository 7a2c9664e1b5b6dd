using System.Runtime.CompilerServices;
using Junction.Runtime.Informers;

namespace Junction.Runtime.Tests.Support;

/// <summary>Lists a fixed set of objects, then watches quietly until cancelled.</summary>
internal sealed class StaticListerWatcher<T>(params T[] items) : IListerWatcher<T>
{
    public Task<ResourceList<T>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceList<T>(items, "1"));

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
