using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Junction.ApiServer.Watch;

/// <summary>
/// One open watch: a filter and its own queue, so a slow reader never blocks a writer. Once limited, the
/// queue holds at most that many events beyond its initial backlog; a reader that falls further behind
/// is dropped, as kube-apiserver's cacher drops an unresponsive watcher: its stream ends and the client
/// watches again from the last resourceVersion it saw (or relists), instead of the server holding every
/// object version the reader has not taken yet.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchMessage> queue = Channel.CreateUnbounded<WatchMessage>();
    private readonly CancellationTokenSource dropped = new();
    private readonly Func<JsonObject, bool> matches;
    private int queued;
    private int limit = int.MaxValue;

    public Watcher(string key, Func<JsonObject, bool> matches)
    {
        Key = key;
        this.matches = matches;
    }

    public string Key { get; }

    public ChannelReader<WatchMessage> Reader => queue.Reader;

    /// <summary>Cancelled when the watcher fell too far behind and was dropped.</summary>
    public CancellationToken Dropped => dropped.Token;

    public bool IsDropped => dropped.IsCancellationRequested;

    /// <summary>From now on, at most <paramref name="capacity"/> events may wait beyond those already queued.</summary>
    public void Limit(int capacity)
    {
        var backlog = Volatile.Read(ref queued);
        Volatile.Write(ref limit, (int)Math.Min(int.MaxValue, (long)backlog + Math.Max(1, capacity)));
    }

    /// <summary>Takes the next queued message, if any.</summary>
    public bool TryRead(out WatchMessage message)
    {
        if (queue.Reader.TryRead(out message!))
        {
            Interlocked.Decrement(ref queued);
            return true;
        }

        return false;
    }

    /// <summary>Translates a store event into what this watch sees; an object leaving the selection is DELETED.</summary>
    public void Offer(WatchEvent e)
    {
        if (e.Key != Key)
        {
            return;
        }

        var now = matches(e.Object);
        var before = e.Old is not null && matches(e.Old);
        var type = e.Type switch
        {
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "ADDED" or "DELETED" when now => e.Type,
            _ => null,
        };
        if (type is not null)
        {
            Send(new WatchMessage(type, e.Object));
        }
    }

    public bool Matches(JsonObject obj) => matches(obj);

    public void Send(WatchMessage message)
    {
        if (IsDropped)
        {
            return;
        }

        if (Interlocked.Increment(ref queued) > Volatile.Read(ref limit))
        {
            Drop();
            return;
        }

        queue.Writer.TryWrite(message);
    }

    /// <summary>Ends the stream; the HTTP response finishes once the queue drains.</summary>
    public void Close() => queue.Writer.TryComplete();

    private void Drop()
    {
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out _))
        {
            // What the reader has not taken is released with the watcher, not kept until it reads.
        }

        // Callers hold the store's lock: the stream reacts on another thread, never inside it.
        _ = dropped.CancelAsync();
    }
}
