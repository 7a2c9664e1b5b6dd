using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using Junction.ApiServer.Tables;
using Junction.ApiServer.Watch;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>Streams a watch as newline-delimited JSON events until timeoutSeconds, a dropped watch or the client leaves.</summary>
internal sealed class WatchStream
{
    private readonly ResourceService service;
    private readonly TimeSpan bookmarkInterval;
    private readonly TimeProvider clock;

    public WatchStream(ResourceService service, TimeSpan bookmarkInterval, TimeProvider clock)
    {
        this.service = service;
        this.bookmarkInterval = bookmarkInterval;
        this.clock = clock;
    }

    public async Task Run(HttpContext context, ResourceType type, ListQuery query, bool asTable, CancellationToken stopping)
    {
        var request = context.Request.Query;
        var bookmarks = RequestOptions.IsTrue(request["allowWatchBookmarks"]);
        var timeout = int.TryParse(request["timeoutSeconds"], out var t) && t > 0 ? TimeSpan.FromSeconds(t) : Timeout.InfiniteTimeSpan;
        var watcher = service.Watch(type, query);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
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
            await Pump(context, type, watcher, bookmarks, asTable, cancel.Token);
            if (bookmarks && timeout != Timeout.InfiniteTimeSpan && !context.RequestAborted.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                // kube-apiserver sends a last bookmark as a watch with timeoutSeconds ends, so the client resumes from it.
                service.SendBookmark(type, watcher);
                while (watcher.Reader.TryRead(out var last))
                {
                    await Write(context, type, last, asTable);
                }
            }
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

    private async Task Pump(HttpContext context, ResourceType type, Watcher watcher, bool bookmarks, bool asTable, CancellationToken cancel)
    {
        var nextBookmark = DateTimeOffset.UtcNow + bookmarkInterval;
        while (!cancel.IsCancellationRequested)
        {
            var wait = bookmarks ? nextBookmark - DateTimeOffset.UtcNow : Timeout.InfiniteTimeSpan;
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (wait != Timeout.InfiniteTimeSpan)
            {
                tick.CancelAfter(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            }

            bool more;
            try
            {
                more = await watcher.Reader.WaitToReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                service.SendBookmark(type, watcher);
                nextBookmark = DateTimeOffset.UtcNow + bookmarkInterval;
                continue;
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds elapsed, the client left or the server stops: the caller decides what follows.
                return;
            }

            if (!more)
            {
                return;
            }

            while (watcher.Reader.TryRead(out var message))
            {
                await Write(context, type, message, asTable);
            }

            await context.Response.Body.FlushAsync(cancel);
        }
    }

    private async Task Write(HttpContext context, ResourceType type, WatchMessage message, bool asTable)
    {
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("type", message.Type);
        writer.WritePropertyName("object");
        if (message.Type is "ERROR" or "BOOKMARK")
        {
            message.Object.WriteTo(writer);
        }
        else if (asTable)
        {
            TableBuilder.Build(type, [message.Object], 0, null, context.Request.Query["includeObject"].ToString(), clock.GetUtcNow()).WriteTo(writer);
        }
        else
        {
            Responses.WriteObject(writer, type, message.Object);
        }

        writer.WriteEndObject();
        await writer.FlushAsync();
        await context.Response.BodyWriter.WriteAsync("\n"u8.ToArray());
        await context.Response.BodyWriter.FlushAsync();
    }
}
