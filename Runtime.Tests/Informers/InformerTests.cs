using System.Net;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Junction.Runtime.Tests.Informers;

public sealed class InformerTests : IAsyncDisposable
{
    private readonly ScriptedApi api = new();
    private readonly RecordingTimeProvider time = new();
    private readonly MetricsRegistry metrics = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> events = [];
    private Task? running;

    [Fact]
    public async Task Run_ListThenWatch_CachesObjectsAndDeliversEventsInOrder()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5"), ConfigMap("b", "6")]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        watch.Modified(ConfigMap("a", "11"));
        watch.Added(ConfigMap("c", "12"));
        watch.Deleted(ConfigMap("b", "13"));

        await Eventually.True(() => informer.LastSyncResourceVersion == "13", "the deletion is seen");
        Assert.Equal(["add shop/a initial", "add shop/b initial", "update shop/a 5->11", "add shop/c", "delete shop/b"], Events());
        Assert.Equal(["shop/a", "shop/c"], informer.Cache.Keys().Order());
        Assert.Equal("11", informer.Cache.Get("shop", "a")!.Metadata.ResourceVersion);
        var watchUri = Assert.Single(api.WatchRequests);
        Assert.Equal("/api/v1/namespaces/shop/configmaps", watchUri.AbsolutePath);
        Assert.Contains("watch=true", watchUri.Query);
        Assert.Contains("allowWatchBookmarks=true", watchUri.Query);
        Assert.Contains("resourceVersion=10", watchUri.Query);
    }

    [Fact]
    public async Task Watch_BookmarkThenServerClose_WatchesAgainFromTheBookmarkWithoutRelisting()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        var first = api.RespondToWatch();
        api.RespondToWatch();
        await Eventually.True(() => api.WatchRequests.Count == 1, "the first watch starts");

        first.Bookmark("ConfigMap", "42");
        first.End();

        await Eventually.True(() => api.WatchRequests.Count == 2, "a second watch starts");
        Assert.Contains("resourceVersion=42", api.WatchRequests[1].Query);
        Assert.Single(api.ListRequests);
        Assert.Equal(["add shop/a initial"], Events());
        Assert.Equal(1, Metric("informer_watch_restarts_total"));
    }

    [Fact]
    public async Task Watch_Gone410Event_RelistsAndDeliversMissingObjectsAsTombstones()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5"), ConfigMap("b", "6")]);
        var first = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        first.Error(410, "Expired");
        api.RespondToList("ConfigMap", "20", [ConfigMap("a", "15"), ConfigMap("c", "18")]);
        api.RespondToWatch();

        await Eventually.True(() => api.WatchRequests.Count == 2, "the watch restarts after the relist");
        Assert.Contains("resourceVersion=20", api.WatchRequests[1].Query);
        Assert.Equal(
            ["add shop/a initial", "add shop/b initial", "update shop/a 5->15", "add shop/c", "delete shop/b tombstone"],
            Events());
        Assert.Equal(["shop/a", "shop/c"], informer.Cache.Keys().Order());
        Assert.Equal(1, Metric("informer_relists_total"));
        Assert.Empty(time.DueTimes);
    }

    [Fact]
    public async Task Watch_GoneAgainRightAfterRelist_BacksOffBeforeTheNextRelist()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", []);
        api.RespondToWatch(HttpStatusCode.Gone);
        api.RespondToList("ConfigMap", "11", []);
        api.RespondToWatch(HttpStatusCode.Gone);
        await Eventually.True(() => time.DueTimes.Count == 1, "the second expiry in a row backs off");

        Assert.Equal(TimeSpan.FromMilliseconds(800), time.DueTimes[0]);
        Assert.Equal(2, api.ListRequests.Count);
        api.RespondToList("ConfigMap", "12", []);
        api.RespondToWatch();
        time.Advance(TimeSpan.FromMilliseconds(800));
        await Eventually.True(() => api.WatchRequests.Count == 3, "the informer relists and watches after the backoff");
        Assert.Contains("resourceVersion=12", api.WatchRequests[2].Query);
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task Watch_Http410OnStart_RelistsAtOnce()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        api.RespondToWatch(HttpStatusCode.Gone);
        api.RespondToList("ConfigMap", "30", []);
        api.RespondToWatch();

        await Eventually.True(() => api.WatchRequests.Count == 2, "the watch restarts after the relist");

        Assert.Equal(2, api.ListRequests.Count);
        Assert.Equal(["add shop/a initial", "delete shop/a tombstone"], Events());
        Assert.Equal(0, informer.Cache.Count);
    }

    [Fact]
    public async Task Watch_DroppedConnection_ReconnectsAfterBackoffFromTheLastResourceVersion()
    {
        Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        var first = api.RespondToWatch();
        await Eventually.True(() => api.WatchRequests.Count == 1, "the first watch starts");

        first.Modified(ConfigMap("a", "11"));
        first.Drop();
        await Eventually.True(() => time.DueTimes.Contains(TimeSpan.FromMilliseconds(800)), "the informer backs off 800 ms");
        time.Advance(TimeSpan.FromMilliseconds(799));
        Assert.Single(api.WatchRequests);
        api.RespondToWatch();
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Eventually.True(() => api.WatchRequests.Count == 2, "the watch reconnects");
        Assert.Contains("resourceVersion=11", api.WatchRequests[1].Query);
        Assert.Single(api.ListRequests);
        Assert.Equal(1, Metric("informer_failures_total"));
    }

    [Fact]
    public async Task Watch_ClosedAtOnceWithoutEvents_BacksOffInsteadOfSpinning()
    {
        Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", []);
        api.RespondToWatch().End();
        await Eventually.True(() => time.DueTimes.Count == 1, "the empty watch backs off");

        Assert.Equal(TimeSpan.FromMilliseconds(800), time.DueTimes[0]);
        api.RespondToWatch();
        time.Advance(TimeSpan.FromMilliseconds(800));
        await Eventually.True(() => api.WatchRequests.Count == 2, "the watch is retried after the backoff");
        Assert.Contains("resourceVersion=10", api.WatchRequests[1].Query);
        Assert.Single(api.ListRequests);
    }

    [Fact]
    public async Task Watch_RepeatedServerErrors_BackOffExponentially()
    {
        Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", []);
        api.RespondToWatch(HttpStatusCode.InternalServerError);
        api.RespondToWatch(HttpStatusCode.ServiceUnavailable);
        await Eventually.True(() => time.DueTimes.Count == 1, "the first failure backs off");
        time.Advance(TimeSpan.FromMilliseconds(800));

        await Eventually.True(() => time.DueTimes.Count == 2, "the second failure backs off");
        Assert.Equal([TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600)], time.DueTimes);
        Assert.Single(api.ListRequests);
    }

    [Fact]
    public async Task Watch_TooManyRequests_WaitsAtLeastRetryAfter()
    {
        Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", []);
        api.RespondToWatch(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(3));
        await Eventually.True(() => time.DueTimes.Count == 1, "the informer waits");

        Assert.Equal(TimeSpan.FromSeconds(3), time.DueTimes[0]);
        api.RespondToWatch();
        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Single(api.WatchRequests);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.True(() => api.WatchRequests.Count == 2, "the watch is retried after Retry-After");
    }

    [Fact]
    public async Task List_FailsFirst_RetriesTheListAfterBackoff()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList(HttpStatusCode.InternalServerError);
        await Eventually.True(() => time.DueTimes.Count == 1, "the informer backs off");
        Assert.False(informer.HasSynced);
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        api.RespondToWatch();

        time.Advance(TimeSpan.FromMilliseconds(800));

        await Eventually.True(() => informer.HasSynced, "the second list succeeds");
        Assert.Equal(0, Metric("informer_relists_total"));
    }

    [Fact]
    public async Task List_Paged_FollowsContinueTokens()
    {
        var informer = Start<V1ConfigMap>(new InformerOptions { Namespace = "shop", LabelSelector = "app=web", BackoffJitter = 0, PageSize = 1 });
        api.RespondToList("ConfigMap", "9", [ConfigMap("a", "5")], continueToken: "next-page");
        api.RespondToList("ConfigMap", "10", [ConfigMap("b", "6")]);
        api.RespondToWatch();

        await Eventually.True(() => api.WatchRequests.Count == 1, "the watch starts");

        Assert.Equal(2, informer.Cache.Count);
        Assert.Contains("continue=next-page", api.ListRequests[1].Query);
        Assert.All(api.ListRequests, uri => Assert.Contains("labelSelector=app%3Dweb", uri.Query));
        Assert.Contains("labelSelector=app%3Dweb", api.WatchRequests[0].Query);
        Assert.Contains("resourceVersion=10", api.WatchRequests[0].Query);
    }

    [Fact]
    public async Task Run_CustomResource_UsesItsGroupPathAndDeserializesTheSpec()
    {
        var informer = Start<Widget>();
        var widget = new Widget
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop", ResourceVersion = "3" },
            Spec = new WidgetSpec { Service = "checkout", Port = 8080 },
        };
        api.RespondToList(Widget.KindName, "3", [widget]);
        api.RespondToWatch();

        await Eventually.True(() => informer.HasSynced, "the widgets are cached");

        Assert.Equal("/apis/example.com/v1/namespaces/shop/widgets", api.ListRequests[0].AbsolutePath);
        Assert.Equal("checkout", informer.Cache.Get("shop", "checkout")!.Spec.Service);
    }

    [Fact]
    public async Task Resync_PeriodPasses_RedeliversEveryCachedObjectAsAnUpdate()
    {
        var informer = Start<V1ConfigMap>(new InformerOptions { Namespace = "shop", ResyncPeriod = TimeSpan.FromMinutes(10), BackoffJitter = 0 });
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5"), ConfigMap("b", "6")]);
        api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced && time.DueTimes.Contains(TimeSpan.FromMinutes(10)), "the resync timer runs");

        time.Advance(TimeSpan.FromMinutes(10));

        await Eventually.True(() => events.Count == 4, "both objects are re-delivered");
        Assert.Equal(["update shop/a 5->5", "update shop/b 6->6"], Events().Skip(2).Order());
    }

    [Fact]
    public async Task AddIndexer_ObjectsChangeAndGo_IndexFollows()
    {
        var informer = Start<V1ConfigMap>();
        informer.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        informer.AddIndexer("service", cm => Indexers.SameNamespace(cm, [cm.Data is { } data && data.TryGetValue("service", out var s) ? s : null]));
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5", owner: "uid-1", service: "web"), ConfigMap("b", "6", owner: "uid-1", service: "api")]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        Assert.Equal(["shop/a", "shop/b"], informer.Cache.IndexKeys(Indexers.ByOwnerUid, "uid-1"));
        Assert.Equal(["shop/a"], informer.Cache.IndexKeys("service", "shop/web"));
        watch.Modified(ConfigMap("a", "11", owner: "uid-2", service: "api"));
        watch.Deleted(ConfigMap("b", "12", owner: "uid-1", service: "api"));
        await Eventually.True(() => informer.LastSyncResourceVersion == "12", "both events are applied");

        Assert.Empty(informer.Cache.ByIndex(Indexers.ByOwnerUid, "uid-1"));
        Assert.Equal(["shop/a"], informer.Cache.IndexKeys(Indexers.ByOwnerUid, "uid-2"));
        Assert.Empty(informer.Cache.ByIndex("service", "shop/web"));
        Assert.Equal(["shop/a"], informer.Cache.IndexKeys("service", "shop/api"));
        Assert.Throws<ArgumentException>(() => informer.Cache.ByIndex("missing", "x"));
    }

    [Fact]
    public async Task AddEventHandler_AfterSync_ReplaysCachedObjectsAsAdds()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");
        var late = new List<string>();

        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap> { OnAdd = (cm, initial) => late.Add($"{cm.Metadata.Name} {initial}") });

        Assert.Equal(["a True"], late);
    }

    [Fact]
    public async Task Handler_Throws_OtherHandlersStillNotified()
    {
        var informer = Start<V1ConfigMap>();
        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap> { OnAdd = (_, _) => throw new InvalidOperationException("broken handler") });
        var seen = 0;
        informer.AddEventHandler(ResourceEventHandlers.ForAll<V1ConfigMap>(_ => Interlocked.Increment(ref seen)));
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5"), ConfigMap("b", "6")]);
        api.RespondToWatch();

        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task WaitForCacheSync_AllSynced_ReturnsTrueAndCancelledReturnsFalse()
    {
        var informer = Start<V1ConfigMap>();
        using var cancelled = new CancellationTokenSource();
        var waiting = SharedInformers.WaitForCacheSync(cancelled.Token, informer);
        await cancelled.CancelAsync();
        Assert.False(await waiting);

        api.RespondToList("ConfigMap", "10", []);
        api.RespondToWatch();

        Assert.True(await SharedInformers.WaitForCacheSync(CancellationToken.None, informer).WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task List_WithAnUndecodableItem_SkipsItReportsItAndServesTheRest()
    {
        var skipped = new List<string>();
        var informer = Start<V1Service>(new InformerOptions { Namespace = "shop", BackoffJitter = 0, OnUndecodable = (obj, error) => skipped.Add($"{obj.Kind} {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name} uid={obj.Metadata.Uid}") });
        api.RespondToList("Service", "10", [Service("good", "5", "80"), Service("bad", "6", "1e309"), Service("also-good", "7", "81")]);
        api.RespondToWatch();

        await Eventually.True(() => informer.HasSynced, "the list is cached without the bad item");

        Assert.Equal(["shop/also-good", "shop/good"], informer.Cache.Keys().Order());
        Assert.Equal(["Service shop/bad uid=uid-bad"], skipped);
        Assert.Equal(1, Metric("informer_undecodable_objects_total"));
        await Eventually.True(() => api.WatchRequests.Count == 1, "the watch starts");
        Assert.Contains("resourceVersion=10", api.WatchRequests[0].Query);
    }

    [Fact]
    public async Task Watch_ObjectBecomesUndecodable_LeavesTheCacheAndLaterEventsStillArrive()
    {
        var skipped = new List<string>();
        var informer = Start<V1Service>(new InformerOptions { Namespace = "shop", BackoffJitter = 0, OnUndecodable = (obj, _) => skipped.Add(obj.Metadata.Name) });
        api.RespondToList("Service", "10", [Service("a", "5", "80"), Service("b", "6", "80")]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        watch.Modified(Service("a", "11", "1e309"));
        watch.Added(Service("c", "12", "80"));
        watch.Deleted(Service("c", "13", "\"eighty\""));

        await Eventually.True(() => informer.LastSyncResourceVersion == "13", "every event is consumed");
        Assert.Equal(["shop/b"], informer.Cache.Keys());
        Assert.Equal(["a", "c"], skipped);
        Assert.Contains("delete shop/a", Events());
        Assert.Single(api.WatchRequests);
        Assert.Equal(0, Metric("informer_failures_total"));
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task Watch_KeepsFailing_RelistsAndReportsNotSyncedUntilAListSucceeds()
    {
        var informer = Start<V1ConfigMap>(new InformerOptions { Namespace = "shop", BackoffJitter = 0, FailuresBeforeRelist = 2 });
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        api.RespondToWatch(HttpStatusCode.InternalServerError);
        await Eventually.True(() => informer.HasSynced && time.DueTimes.Count == 1, "the first watch fails and backs off");
        api.RespondToWatch(HttpStatusCode.InternalServerError);
        time.Advance(TimeSpan.FromMilliseconds(800));
        await Eventually.True(() => time.DueTimes.Count == 2, "the second watch fails");

        Assert.False(informer.HasSynced);
        api.RespondToList("ConfigMap", "20", [ConfigMap("a", "15")]);
        api.RespondToWatch();
        time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.True(() => informer.HasSynced && api.WatchRequests.Count == 3, "a fresh list starts the next watch");
        Assert.Equal(2, api.ListRequests.Count);
        Assert.Contains("resourceVersion=20", api.WatchRequests[2].Query);
        Assert.Equal(1, Metric("informer_relists_total"));
    }

    private static System.Text.Json.Nodes.JsonNode Service(string name, string resourceVersion, string port) =>
        System.Text.Json.Nodes.JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"shop","uid":"uid-{{{name}}}","resourceVersion":"{{{resourceVersion}}}"},
             "spec":{"ports":[{"port":{{{port}}}}]}}
            """)!;

    [Fact]
    public async Task MetadataOnly_AsksForPartialObjectMetadataAndCachesNoData()
    {
        var informer = Start<V1Secret>(new InformerOptions { Namespace = "shop", BackoffJitter = 0, MetadataOnly = true });
        // A server that sends whole objects anyway: what is cached is still only the metadata.
        api.RespondToList("Secret", "10", [Secret("tls", "5")]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        watch.Added(Secret("late", "11"));

        await Eventually.True(() => informer.LastSyncResourceVersion == "11", "the watch event is seen");
        Assert.Equal(
            ["application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"],
            api.Accepts.Select(a => a.Replace(" ", "", StringComparison.Ordinal)));
        foreach (var name in new[] { "tls", "late" })
        {
            var cached = informer.Cache.Get("shop", name)!;
            Assert.Null(cached.Data);
            Assert.Null(cached.StringData);
            Assert.Null(cached.Type);
            Assert.Equal("Secret", cached.Kind);
            Assert.Equal("v1", cached.ApiVersion);
            Assert.Equal("junction", cached.Metadata.Labels["app"]);
        }
    }

    [Fact]
    public async Task NotMetadataOnly_SendsNoAcceptHeaderAndCachesTheWholeObject()
    {
        var informer = Start<V1Secret>();
        api.RespondToList("Secret", "10", [Secret("tls", "5")]);
        api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        Assert.DoesNotContain(api.Accepts, a => a.Contains("as=", StringComparison.Ordinal));
        Assert.Equal("key"u8.ToArray(), informer.Cache.Get("shop", "tls")!.Data["tls.key"]);
    }

    [Fact]
    public async Task Run_ObjectsWithManagedFieldsAndLastApplied_CacheAndHandlersGetThemStripped()
    {
        var handed = new List<V1ConfigMap>();
        var informer = Start<V1ConfigMap>();
        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap> { OnAdd = (obj, _) => handed.Add(obj), OnUpdate = (_, obj) => handed.Add(obj) });
        api.RespondToList("ConfigMap", "10", [Applied(ConfigMap("a", "5"))]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        watch.Modified(Applied(ConfigMap("a", "11")));
        watch.Added(Applied(ConfigMap("b", "12")));

        await Eventually.True(() => informer.LastSyncResourceVersion == "12", "the watch events are seen");
        foreach (var cached in informer.Cache.List().Concat(handed))
        {
            Assert.Null(cached.Metadata.ManagedFields);
            Assert.Equal(["team"], cached.Metadata.Annotations.Keys);
            Assert.Equal("payments", cached.Metadata.Annotations["team"]);
            Assert.Equal("v", cached.Data["k"]);
        }

        Assert.Equal(3, handed.Count);
        Assert.Equal("11", informer.Cache.Get("shop", "a")!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Run_TransformNull_CachesObjectsAsReceived()
    {
        var informer = Start<V1ConfigMap>(new InformerOptions { Namespace = "shop", BackoffJitter = 0, Transform = null });
        api.RespondToList("ConfigMap", "10", [Applied(ConfigMap("a", "5"))]);
        api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        var cached = informer.Cache.Get("shop", "a")!;
        Assert.Equal("kubectl", Assert.Single(cached.Metadata.ManagedFields).Manager);
        Assert.True(cached.Metadata.Annotations.ContainsKey(CacheTransforms.LastAppliedAnnotation));
    }

    private static V1ConfigMap Applied(V1ConfigMap configMap)
    {
        configMap.Data = new Dictionary<string, string> { ["k"] = "v" };
        configMap.Metadata.Annotations = new Dictionary<string, string>
        {
            [CacheTransforms.LastAppliedAnnotation] = """{"apiVersion":"v1","kind":"ConfigMap","data":{"k":"v"}}""",
            ["team"] = "payments",
        };
        configMap.Metadata.ManagedFields =
        [
            new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply", ApiVersion = "v1", FieldsType = "FieldsV1", FieldsV1 = new Dictionary<string, object> { ["f:data"] = new Dictionary<string, object> { ["f:k"] = new Dictionary<string, object>() } } },
        ];
        return configMap;
    }

    [Fact]
    public async Task Transform_AppliedToListedAndWatchedObjectsBeforeTheyAreCached()
    {
        var informer = Start<V1Secret>(new InformerOptions
        {
            Namespace = "shop",
            BackoffJitter = 0,
            Transform = obj =>
            {
                var secret = (V1Secret)obj;
                return new V1Secret { ApiVersion = secret.ApiVersion, Kind = secret.Kind, Metadata = new V1ObjectMeta { Name = secret.Metadata.Name, NamespaceProperty = secret.Metadata.NamespaceProperty, ResourceVersion = secret.Metadata.ResourceVersion } };
            },
        });
        api.RespondToList("Secret", "10", [Secret("tls", "5")]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        watch.Added(Secret("late", "11"));

        await Eventually.True(() => informer.LastSyncResourceVersion == "11", "the watch event is seen");
        foreach (var name in new[] { "tls", "late" })
        {
            var cached = informer.Cache.Get("shop", name)!;
            Assert.Null(cached.Data);
            Assert.Null(cached.Metadata.Labels);
        }
    }

    [Fact]
    public async Task Assume_OwnWriteBeforeItsWatchEvent_GetReturnsItUntilTheWatchCatchesUp()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5")]);
        var watch = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        informer.Assume(ConfigMap("a", "11", service: "mine"));
        informer.Assume(ConfigMap("b", "12", service: "created"));
        informer.Assume(ConfigMap("a", "9", service: "older than the assumed one"));
        var before = (informer.Cache.Get("shop", "a")!.Data["service"], informer.Cache.Get("shop", "b")!.Data["service"]);
        var keysBefore = informer.Cache.Keys().Order().ToList();
        watch.Modified(ConfigMap("a", "11", service: "watched"));
        watch.Added(ConfigMap("b", "13", service: "watched later"));
        await Eventually.True(() => informer.LastSyncResourceVersion == "13", "both watch events are seen");

        Assert.Equal(("mine", "created"), before);
        Assert.Equal(["shop/a"], keysBefore);
        Assert.Equal("watched", informer.Cache.Get("shop", "a")!.Data["service"]);
        Assert.Equal("watched later", informer.Cache.Get("shop", "b")!.Data["service"]);
        Assert.Equal(0, informer.Cache.AssumedCount);
        // Handlers hear the watch only: an assumed write is not an event.
        Assert.Equal(["add shop/a initial", "update shop/a 5->11", "add shop/b"], Events());
    }

    [Fact]
    public async Task Assume_ObjectOlderThanCachedOrDeletedOrNotListed_IsNotReturned()
    {
        var informer = Start<V1ConfigMap>();
        api.RespondToList("ConfigMap", "10", [ConfigMap("a", "5"), ConfigMap("b", "6")]);
        var first = api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        informer.Assume(ConfigMap("a", "4", service: "stale"));
        informer.Assume(ConfigMap("b", "8", service: "mine"));
        informer.Assume(ConfigMap("c", "9", service: "created, then deleted before any watch event"));
        first.Deleted(ConfigMap("b", "14"));
        await Eventually.True(() => informer.LastSyncResourceVersion == "14", "the deletion is seen");
        first.Error(410, "Expired");
        api.RespondToList("ConfigMap", "20", [ConfigMap("a", "15")]);
        api.RespondToWatch();
        await Eventually.True(() => api.WatchRequests.Count == 2, "the watch restarts after the relist");

        Assert.Equal("15", informer.Cache.Get("shop", "a")!.Metadata.ResourceVersion);
        Assert.Null(informer.Cache.Get("shop", "b"));
        Assert.Null(informer.Cache.Get("shop", "c"));
        Assert.Equal(0, informer.Cache.AssumedCount);
    }

    [Fact]
    public async Task Assume_MetadataOnlyInformer_KeepsNothingOfTheWrite()
    {
        var informer = Start<V1Secret>(new InformerOptions { Namespace = "shop", BackoffJitter = 0, MetadataOnly = true });
        api.RespondToList("Secret", "10", []);
        api.RespondToWatch();
        await Eventually.True(() => informer.HasSynced, "the first list is cached");

        informer.Assume(Secret("tls", "11"));

        Assert.Null(informer.Cache.Get("shop", "tls"));
    }

    private Informer<T> Start<T>(InformerOptions? options = null)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var informer = SharedInformers.Create<T>(
            api.Client(),
            options ?? new InformerOptions { Namespace = "shop", BackoffJitter = 0 },
            time,
            metrics,
            NullLoggerFactory.Instance);
        informer.AddEventHandler(new ResourceEventHandler<T>
        {
            OnAdd = (obj, initial) => Record($"add {CacheKeys.For(obj)}{(initial ? " initial" : "")}"),
            OnUpdate = (old, now) => Record($"update {CacheKeys.For(now)} {old.Metadata.ResourceVersion}->{now.Metadata.ResourceVersion}"),
            OnDelete = (obj, tombstone) => Record($"delete {CacheKeys.For(obj)}{(tombstone ? " tombstone" : "")}"),
        });
        running = Task.Run(() => informer.RunAsync(stop.Token));
        return informer;
    }

    private void Record(string line)
    {
        lock (events)
        {
            events.Add(line);
        }
    }

    private List<string> Events()
    {
        lock (events)
        {
            return [.. events];
        }
    }

    private double Metric(string name) =>
        PrometheusText.Parse(metrics.Render()).Samples.Single(s => s.Name == name).Value;

    private static V1Secret Secret(string name, string resourceVersion) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "kubernetes.io/tls",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", ResourceVersion = resourceVersion, Labels = new Dictionary<string, string> { ["app"] = "junction" } },
        Data = new Dictionary<string, byte[]> { ["tls.key"] = "key"u8.ToArray() },
    };

    private static V1ConfigMap ConfigMap(string name, string resourceVersion, string? owner = null, string? service = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "shop",
            ResourceVersion = resourceVersion,
            OwnerReferences = owner is null ? null : [new V1OwnerReference { ApiVersion = "v1", Kind = "Owner", Name = "o", Uid = owner }],
        },
        Data = service is null ? null : new Dictionary<string, string> { ["service"] = service },
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running.WaitAsync(TimeSpan.FromSeconds(2));
        }
        stop.Dispose();
        api.Dispose();
    }
}
