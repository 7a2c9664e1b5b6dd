namespace Junction.ApiServer.Watch;

/// <summary>
/// The serialisation of one stored object in one format, made once however many streams ask for it at
/// the same moment (kube-apiserver's watch cache caches serialisations per object the same way). Streams
/// that ask while it is being written wait for it instead of each writing a copy. It is held weakly: it
/// lives while some stream still sends it, and memory returns once they have gone.
/// </summary>
internal sealed class SharedSerialization
{
    private readonly Lock gate = new();
    private WeakReference<SerializedJson>? done;
    private Task<SerializedJson>? pending;

    /// <summary>The serialisation, made by <paramref name="serialize"/> only when none is alive or under way.</summary>
    public Task<SerializedJson> GetAsync(Func<SerializedJson> serialize)
    {
        var mine = new TaskCompletionSource<SerializedJson>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (done is not null && done.TryGetTarget(out var alive))
            {
                return Task.FromResult(alive);
            }

            if (pending is not null)
            {
                return pending;
            }

            pending = mine.Task;
        }

        try
        {
            var json = serialize();
            lock (gate)
            {
                // The task would hold the bytes strongly for as long as this entry lives: only the weak reference stays.
                done = new WeakReference<SerializedJson>(json);
                pending = null;
            }

            mine.SetResult(json);
        }
        catch (Exception e)
        {
            lock (gate)
            {
                pending = null;
            }

            mine.SetException(e);
        }

        return mine.Task;
    }
}
