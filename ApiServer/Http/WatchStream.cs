using System.Text.Json;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using Junction.ApiServer.Tables;
using Junction.ApiServer.Watch;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>
/// Streams a watch as newline-delimited JSON events until timeoutSeconds, a dropped watch or the client leaves.
/// Objects are serialised once for all streams (<see cref="SerializedObjects"/>) and written in chunks, each
/// flushed: a client that does not read holds back only the transport's buffer, not a copy of the object.
/// </summary>
internal sealed class WatchStream
{
    private const int Chunk = 64 * 1024;
    private static readonly byte[] EventEnd = "}\n"u8.ToArray();
    private readonly ResourceService service;
    private readonly TimeSpan bookmarkInterval;
    private readonly TimeProvider clock;
    private readonly int bufferSize;
    private readonly SerializedObjects serialized = new();

    public WatchStream(ResourceService service, TimeSpan bookmarkInterval, TimeProvider clock, int bufferSize)
    {
        this.service = service;
        this.bookmarkInterval = bookmarkInterval;
        this.clock = clock;
        this.bufferSize = bufferSize;
    }

    public async Task Run(HttpContext context, ResourceType type, ListQuery query, ObjectFormat format, CancellationToken stopping)
    {
        var request = context.Request.Query;
        var bookmarks = RequestOptions.IsTrue(request["allowWatchBookmarks"]);
        var timeout = int.TryParse(request["timeoutSeconds"], out var t) && t > 0 ? TimeSpan.FromSeconds(t) : Timeout.InfiniteTimeSpan;
        var watcher = service.Watch(type, query);
        watcher.Limit(bufferSize);

        // timeoutSeconds is a deadline of the request on the real clock, like any HTTP timeout;
        // bookmarks follow the server's clock (see Pump).
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, watcher.Dropped);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            cancel.CancelAfter(timeout);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(CancellationToken.None);
        await context.Response.Body.FlushAsync(CancellationToken.None);
        try
        {
            await Pump(context, type, watcher, bookmarks, format, cancel.Token);
            if (bookmarks && timeout != Timeout.InfiniteTimeSpan && !context.RequestAborted.IsCancellationRequested && !stopping.IsCancellationRequested && !watcher.IsDropped)
            {
                // kube-apiserver sends a last bookmark as a watch with timeoutSeconds ends, so the client resumes from it.
                service.SendBookmark(type, watcher);
                while (watcher.TryRead(out var last))
                {
                    await Write(context, type, last, format, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (watcher.IsDropped)
        {
            // Dropped in the middle of an event: the stream cannot end cleanly, so the connection goes.
            context.Abort();
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            service.StopWatch(watcher);
        }
    }

    private async Task Pump(HttpContext context, ResourceType type, Watcher watcher, bool bookmarks, ObjectFormat format, CancellationToken cancel)
    {
        var nextBookmark = clock.GetUtcNow() + bookmarkInterval;
        while (!cancel.IsCancellationRequested)
        {
            var wait = bookmarks ? nextBookmark - clock.GetUtcNow() : Timeout.InfiniteTimeSpan;
            using var timer = wait == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, clock);
            using var tick = timer is null ? CancellationTokenSource.CreateLinkedTokenSource(cancel) : CancellationTokenSource.CreateLinkedTokenSource(cancel, timer.Token);
            bool more;
            try
            {
                more = await watcher.Reader.WaitToReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                service.SendBookmark(type, watcher);
                nextBookmark = clock.GetUtcNow() + bookmarkInterval;
                continue;
            }
            catch (OperationCanceledException) when (!watcher.IsDropped)
            {
                // timeoutSeconds elapsed, the client left or the server stops: the caller decides what follows.
                return;
            }

            if (!more)
            {
                // Closed, or dropped while idle: the response ends cleanly and the client watches again.
                return;
            }

            while (watcher.TryRead(out var message))
            {
                await Write(context, type, message, format, cancel);
            }

            await context.Response.BodyWriter.FlushAsync(cancel);
        }
    }

    private async Task Write(HttpContext context, ResourceType type, WatchMessage message, ObjectFormat format, CancellationToken cancel)
    {
        var body = context.Response.BodyWriter;
        var control = message.Type is "ERROR" or "BOOKMARK";
        if (control || format == ObjectFormat.Table)
        {
            // Small (a Status, a bookmark) or made for this stream (a Table has the age as of now): written directly.
            await using var writer = new Utf8JsonWriter(body);
            writer.WriteStartObject();
            writer.WriteString("type", message.Type);
            writer.WritePropertyName("object");
            if (!control)
            {
                TableBuilder.Build(type, [message.Object], 0, null, context.Request.Query["includeObject"].ToString(), clock.GetUtcNow()).WriteTo(writer);
            }
            else
            {
                message.Object.WriteTo(writer);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancel);
            await body.WriteAsync("\n"u8.ToArray(), cancel);
            return;
        }

        // One serialisation per stored object version and format, shared by every stream that sends it.
        var json = format == ObjectFormat.Metadata
            ? await serialized.GetAsync(message.Object, ObjectFormat.Metadata, (writer, obj) => Responses.WriteMetadata(writer, obj))
            : await serialized.GetAsync(message.Object, ObjectFormat.Full, (writer, obj) => Responses.WriteObject(writer, type, obj));
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"{message.Type}\",\"object\":"), cancel);
        foreach (var segment in json.Segments)
        {
            for (var offset = 0; offset < segment.Length; offset += Chunk)
            {
                // Each write waits while the client's side is full, so a reader that does not read holds
                // at most one chunk in the transport's buffer; the bytes themselves are shared.
                await body.WriteAsync(segment.AsMemory(offset, Math.Min(Chunk, segment.Length - offset)), cancel);
            }
        }

        await body.WriteAsync(EventEnd, cancel);
    }
}
