namespace Junction.Runtime.Informers;

/// <summary>Lists and watches one kind (client-go <c>cache.ListerWatcher</c>).</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IListerWatcher<T>
{
    /// <summary>Lists every object, following continue tokens.</summary>
    /// <exception cref="ApiStatusException">The server answered with an error status.</exception>
    Task<ResourceList<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams changes after <paramref name="resourceVersion"/>, with bookmarks. Ends when the
    /// server closes the stream; an ERROR event (410 Gone, for example) is thrown as an
    /// <see cref="ApiStatusException"/>.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, CancellationToken cancellationToken);
}
