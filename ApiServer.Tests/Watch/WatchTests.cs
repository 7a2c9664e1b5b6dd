using Xunit;
using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer;
using k8s;
using k8s.Models;

namespace Junction.ApiServer.Tests.Watch;

public sealed class WatchTests : ApiServerTest
{
    protected override ApiServerOptions Options => new() { TimeProvider = Time, BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task WatchFromResourceVersion_ReceivesEveryLaterEventInOrder()
    {
        var start = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("before"), "default");
        var a = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        a.Data["k"] = "changed";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(a, "a", "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");

        var events = await ReadEvents($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={start.Metadata.ResourceVersion}&timeoutSeconds=1");

        Assert.Equal(["ADDED a", "MODIFIED a", "DELETED a", "ADDED b"], events.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));
        var versions = events.Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>())).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task WatchFromZero_StartsWithSyntheticAddedForCurrentState()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");

        var events = await ReadEvents("api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&timeoutSeconds=1");

        Assert.Equal(["ADDED a", "ADDED b"], events.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));
    }

    [Fact]
    public async Task WatchAfterForcedExpiry_Gets410ExpiredErrorEvent()
    {
        var old = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");
        Server.Faults.ExpireWatchHistory();

        var events = await ReadEvents($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={old.Metadata.ResourceVersion}&timeoutSeconds=5");

        var error = Assert.Single(events);
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task HistoryLimit_ExpiresOldResourceVersions()
    {
        await using var small = await InMemoryApiServer.StartAsync(new ApiServerOptions { HistoryLimit = 3 });
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = small.BaseAddress.ToString() });
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"n{i}"), "default");
        }

        using var http = new HttpClient { BaseAddress = small.BaseAddress };
        var text = await http.GetStringAsync($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={first.Metadata.ResourceVersion}&timeoutSeconds=5");

        Assert.Contains("\"reason\":\"Expired\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bookmarks_ArriveWhenAskedAndCarryTheCurrentVersion()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var events = await ReadEvents($"api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={cm.Metadata.ResourceVersion}&timeoutSeconds=1");

        Assert.Contains(events, e => e["type"]!.GetValue<string>() == "BOOKMARK");
        Assert.Equal("BOOKMARK", events[^1]["type"]!.GetValue<string>());
        Assert.Equal(cm.Metadata.ResourceVersion, events[^1]["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bookmarks_FollowTheServersClockNotTheWallClock()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        using var response = await Http.GetAsync($"api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={cm.Metadata.ResourceVersion}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = reader.ReadLineAsync();

        // The interval (200 ms) passes on the wall clock, not on the server's: no bookmark yet.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.False(line.IsCompleted, "a bookmark was sent although the server's clock stood still");

        await Eventually.True(() => { Time.Advance(TimeSpan.FromMilliseconds(250)); return line.IsCompleted; }, "a bookmark arrives once the server's clock passes the interval");
        var bookmark = JsonNode.Parse((await line)!)!;
        Assert.Equal("BOOKMARK", bookmark["type"]!.GetValue<string>());
        Assert.Equal(cm.Metadata.ResourceVersion, bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task WatchWithTimeout_EndsWithABookmarkWhenAllowed()
    {
        await using var quiet = await InMemoryApiServer.StartAsync(new ApiServerOptions { BookmarkInterval = TimeSpan.FromHours(1) });
        using var http = new HttpClient { BaseAddress = quiet.BaseAddress };

        var text = await http.GetStringAsync($"api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={quiet.ResourceVersion}&timeoutSeconds=1");

        var only = JsonNode.Parse(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
        Assert.Equal("BOOKMARK", only["type"]!.GetValue<string>());
        Assert.Equal(quiet.ResourceVersion.ToString(), only["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoBookmarks_WhenNotAsked()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var events = await ReadEvents($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={cm.Metadata.ResourceVersion}&timeoutSeconds=1");

        Assert.Empty(events);
    }

    [Fact]
    public async Task LabelSelectedWatch_SeesObjectLeavingSelectionAsDeleted()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["app"] = "web" }), "default");
        cm.Metadata.Labels["app"] = "db";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default");

        var events = await ReadEvents($"api/v1/namespaces/default/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion={long.Parse(cm.Metadata.ResourceVersion) - 1}&timeoutSeconds=1");

        Assert.Equal(["ADDED", "DELETED"], events.Select(e => e["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task KubernetesClientWatch_ReceivesLiveEvents()
    {
        var start = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("seed"), "default");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var writer = Task.Run(async () =>
        {
            await Task.Delay(200);
            await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("live"), "default");
        });

        await foreach (var (type, item) in Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: start.Metadata.ResourceVersion, cancellationToken: cancel.Token))
        {
            seen.Add($"{type} {item.Metadata.Name}");
            break;
        }

        await writer;
        Assert.Equal(["Added live"], seen);
    }

    [Fact]
    public async Task DropWatches_EndsOpenStreams()
    {
        var rv = (await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default")).Metadata.ResourceVersion;
        var read = ReadEvents($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}");
        await Task.Delay(300);

        var dropped = Server.Faults.DropWatches();
        var events = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, dropped);
        Assert.Empty(events);
    }

    private async Task<List<JsonObject>> ReadEvents(string path)
    {
        using var response = await Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}
