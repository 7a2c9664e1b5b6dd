using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Junction.ApiServer.Watch;

/// <summary>One open watch: a filter and its own unbounded queue, so a slow reader never blocks a writer.</summary>
internal sealed class Watcher
{
    private readonly Channel<WatchMessage> queue = Channel.CreateUnbounded<WatchMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<JsonObject, bool> matches;

    public Watcher(string key, Func<JsonObject, bool> matches)
    {
        Key = key;
        this.matches = matches;
    }

    public string Key { get; }

    public ChannelReader<WatchMessage> Reader => queue.Reader;

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
            queue.Writer.TryWrite(new WatchMessage(type, e.Object));
        }
    }

    public bool Matches(JsonObject obj) => matches(obj);

    public void Send(WatchMessage message) => queue.Writer.TryWrite(message);

    /// <summary>Ends the stream; the HTTP response finishes once the queue drains.</summary>
    public void Close() => queue.Writer.TryComplete();
}
