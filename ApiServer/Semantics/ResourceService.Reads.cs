using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;
using Junction.ApiServer.Watch;

namespace Junction.ApiServer.Semantics;

/// <summary>List (with selectors and paging) and watch.</summary>
internal sealed partial class ResourceService
{
    public ListResult List(ResourceType type, ListQuery query)
    {
        lock (store.Gate)
        {
            var after = DecodeContinue(query.Continue);
            var matches = Matcher(query);
            var items = new List<JsonObject>();
            string? next = null;
            long? remaining = null;
            foreach (var obj in store.List(type.Key, type.Namespaced ? query.Namespace : null, after))
            {
                if (!matches(obj))
                {
                    continue;
                }

                if (query.Limit > 0 && items.Count == query.Limit)
                {
                    var last = items[^1];
                    next = EncodeContinue(store.Revision, Meta.Namespace(last) + "/" + Meta.Name(last));
                    remaining = store.List(type.Key, type.Namespaced ? query.Namespace : null, after).Count(matches) - items.Count;
                    break;
                }

                items.Add(obj);
            }

            return new ListResult(items, store.Revision, next, remaining);
        }
    }

    /// <summary>Opens a watch; a resourceVersion older than the retained history yields one ERROR 410 event.</summary>
    public Watcher Watch(ResourceType type, ListQuery query)
    {
        lock (store.Gate)
        {
            var watcher = new Watcher(type.Key, Matcher(query));
            var rv = query.ResourceVersion;
            long? from = null;
            if (!string.IsNullOrEmpty(rv) && rv != "0" && !query.SendInitialEvents)
            {
                if (!long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    throw Errors.BadRequest($"resourceVersion: Invalid value: \"{rv}\": must be a valid resource version");
                }

                if (parsed < store.CompactedRevision)
                {
                    var expired = new ApiException(System.Net.HttpStatusCode.Gone, "Expired", $"too old resource version: {parsed} ({store.CompactedRevision + 1})");
                    watcher.Send(new WatchMessage("ERROR", expired.ToStatus()));
                    watcher.Close();
                    return watcher;
                }

                from = parsed;
            }

            store.Subscribe(watcher, from, type.Namespaced ? query.Namespace : null);
            if (query.SendInitialEvents)
            {
                watcher.Send(new WatchMessage("BOOKMARK", Bookmark(type, store.Revision, initialEventsEnd: true)));
            }

            return watcher;
        }
    }

    public void StopWatch(Watcher watcher)
    {
        lock (store.Gate)
        {
            store.Unsubscribe(watcher);
        }
    }

    /// <summary>Queues a BOOKMARK with the current revision, behind every event already queued.</summary>
    public void SendBookmark(ResourceType type, Watcher watcher)
    {
        lock (store.Gate)
        {
            watcher.Send(new WatchMessage("BOOKMARK", Bookmark(type, store.Revision, initialEventsEnd: false)));
        }
    }

    private static JsonObject Bookmark(ResourceType type, long revision, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = meta };
    }

    private static Func<JsonObject, bool> Matcher(ListQuery query) =>
        obj => (query.Namespace.Length == 0 || Meta.Namespace(obj) == query.Namespace)
            && query.Labels.Matches(Meta.Labels(obj))
            && query.Fields.Matches(obj);

    private static string EncodeContinue(long revision, string start) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = start }.ToJsonString()));

    private static string? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return node?["start"]?.GetValue<string>() ?? throw Errors.BadRequest("continue key is not valid: missing start");
        }
        catch (FormatException)
        {
            throw Errors.BadRequest("continue key is not valid: illegal base64 data");
        }
        catch (System.Text.Json.JsonException)
        {
            throw Errors.BadRequest("continue key is not valid: invalid JSON");
        }
    }
}
