using System.Net;
using Junction.Runtime.Events;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Events;

public sealed class EventRecorderTests : IDisposable
{
    private const string Events = "/api/v1/namespaces/shop/events";
    private readonly ObjectApi api = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EventRecorder recorder;
    private readonly Widget policy = new()
    {
        Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop", Uid = "uid-1", ResourceVersion = "7" },
    };

    public EventRecorderTests()
    {
        recorder = new EventRecorder(api.Client(), new EventRecorderOptions { Component = "junction", Instance = "junction-0" }, time, NullLogger.Instance);
    }

    [Fact]
    public async Task EventAsync_FirstOccurrence_CreatesCoreV1EventAboutTheObject()
    {
        await recorder.EventAsync(policy, EventTypes.Warning, "BackendNotFound", "Service shop/checkout-v2 referenced by spec.routes[0].backendRefs[0] does not exist");

        var created = Assert.Single(api.List(Events));
        Assert.Matches("^checkout\\.[0-9a-f]+$", (string?)created["metadata"]!["name"]);
        Assert.Equal("example.com/v1", (string?)created["involvedObject"]!["apiVersion"]);
        Assert.Equal("Widget", (string?)created["involvedObject"]!["kind"]);
        Assert.Equal("checkout", (string?)created["involvedObject"]!["name"]);
        Assert.Equal("shop", (string?)created["involvedObject"]!["namespace"]);
        Assert.Equal("uid-1", (string?)created["involvedObject"]!["uid"]);
        Assert.Equal("Warning", (string?)created["type"]);
        Assert.Equal("BackendNotFound", (string?)created["reason"]);
        Assert.StartsWith("Service shop/checkout-v2", (string?)created["message"]);
        Assert.Equal("junction", (string?)created["source"]!["component"]);
        Assert.Equal("junction", (string?)created["reportingComponent"]);
        Assert.Equal("junction-0", (string?)created["reportingInstance"]);
        Assert.Equal(1, (int?)created["count"]);
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)created["firstTimestamp"]!));
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)created["lastTimestamp"]!));
    }

    [Fact]
    public async Task EventAsync_RepeatedWithinWindow_PatchesCountAndLastTimestamp()
    {
        var first = time.GetUtcNow();

        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");

        var aggregated = Assert.Single(api.List(Events));
        Assert.Equal(3, (int?)aggregated["count"]);
        Assert.Equal(first, DateTimeOffset.Parse((string)aggregated["firstTimestamp"]!));
        Assert.Equal(first.AddMinutes(2), DateTimeOffset.Parse((string)aggregated["lastTimestamp"]!));
        Assert.Equal(["POST", "PATCH", "PATCH"], api.Requests.Select(r => r.Split(' ')[0]));
    }

    [Fact]
    public async Task EventAsync_DifferentMessage_CreatesAnotherEvent()
    {
        await recorder.EventAsync(policy, EventTypes.Warning, "ProxyNotReady", "1 of 2 proxies run generation 4");
        await recorder.EventAsync(policy, EventTypes.Warning, "ProxyNotReady", "0 of 2 proxies run generation 4");

        var events = api.List(Events);
        Assert.Equal(2, events.Count);
        Assert.NotEqual((string?)events[0]["metadata"]!["name"], (string?)events[1]["metadata"]!["name"]);
    }

    [Fact]
    public async Task EventAsync_RepeatAfterTheWindow_CreatesAnotherEvent()
    {
        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        time.Advance(TimeSpan.FromMinutes(11));
        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");

        Assert.Equal(2, api.List(Events).Count);
        Assert.All(api.List(Events), e => Assert.Equal(1, (int?)e["count"]));
    }

    [Fact]
    public async Task EventAsync_AggregatedEventWasDeleted_CreatesItAgain()
    {
        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        var name = (string)api.List(Events)[0]["metadata"]!["name"]!;
        api.Remove($"{Events}/{name}");

        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");

        var recreated = Assert.Single(api.List(Events));
        Assert.Equal(1, (int?)recreated["count"]);
        Assert.Equal(["POST", "PATCH", "POST"], api.Requests.Select(r => r.Split(' ')[0]));
    }

    [Fact]
    public async Task EventAsync_ApiFails_DoesNotThrowAndLaterEventsAreWritten()
    {
        api.FailWith = HttpStatusCode.InternalServerError;
        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        api.FailWith = null;

        await recorder.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");

        Assert.Equal(1, (int?)Assert.Single(api.List(Events))["count"]);
    }

    [Fact]
    public async Task EventAsync_ClusterScopedObject_WritesToDefaultNamespace()
    {
        var node = new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = "shop", Uid = "ns-uid" } };

        await recorder.EventAsync(node, EventTypes.Normal, "Seen", "Namespace shop seen");

        var created = Assert.Single(api.List("/api/v1/namespaces/default/events"));
        Assert.Equal("Namespace", (string?)created["involvedObject"]!["kind"]);
    }

    [Fact]
    public async Task EventAsync_TenSimilarMessages_CombinesTheTenthAndLaterOnesIntoOneEvent()
    {
        for (var i = 1; i <= 12; i++)
        {
            await recorder.EventAsync(policy, EventTypes.Warning, "BackendNotFound", $"Service shop/backend-{i} does not exist");
        }

        var events = api.List(Events);
        Assert.Equal(10, events.Count);
        var combined = Assert.Single(events, e => ((string)e["message"]!).StartsWith("(combined from similar events): ", StringComparison.Ordinal));
        Assert.Equal("(combined from similar events): Service shop/backend-10 does not exist", (string?)combined["message"]);
        Assert.Equal(3, (int?)combined["count"]);
        Assert.All(events.Where(e => e != combined), e => Assert.Equal(1, (int?)e["count"]));
    }

    [Fact]
    public async Task EventAsync_SimilarMessagesSpreadBeyondTheWindow_AreNotCombined()
    {
        for (var i = 1; i <= 12; i++)
        {
            await recorder.EventAsync(policy, EventTypes.Warning, "BackendNotFound", $"Service shop/backend-{i} does not exist");
            time.Advance(TimeSpan.FromMinutes(11));
        }

        Assert.DoesNotContain(api.List(Events), e => ((string)e["message"]!).StartsWith('('));
    }

    [Fact]
    public async Task EventAsync_ObjectExceedsItsBurst_DropsTheRestUntilATokenIsEarned()
    {
        var strict = new EventRecorder(api.Client(), new EventRecorderOptions { Component = "junction", SpamBurst = 3, SpamRefillInterval = TimeSpan.FromMinutes(5) }, time, NullLogger.Instance);
        var other = new Widget { Metadata = new V1ObjectMeta { Name = "cart", NamespaceProperty = "shop", Uid = "uid-2" } };

        for (var i = 0; i < 5; i++)
        {
            await strict.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        }

        await strict.EventAsync(other, EventTypes.Normal, "Programmed", "All children are written");
        time.Advance(TimeSpan.FromMinutes(5));
        await strict.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        await strict.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");

        var ofPolicy = Assert.Single(api.List(Events), e => (string?)e["involvedObject"]!["name"] == "checkout");
        Assert.Equal(4, (int?)ofPolicy["count"]);
        Assert.Single(api.List(Events), e => (string?)e["involvedObject"]!["name"] == "cart");
        Assert.Equal(5, api.Requests.Count);
    }

    [Fact]
    public async Task EventAsync_WriteForOneObjectStalls_EventsOfOtherObjectsAreNotHeldBack()
    {
        var sink = new StallingSink("checkout");
        var concurrent = new EventRecorder(sink, new EventRecorderOptions { Component = "junction" }, time, NullLogger.Instance);
        var other = new Widget { Metadata = new V1ObjectMeta { Name = "cart", NamespaceProperty = "shop", Uid = "uid-2" } };

        var stalled = concurrent.EventAsync(policy, EventTypes.Normal, "Programmed", "All children are written");
        await concurrent.EventAsync(other, EventTypes.Normal, "Programmed", "All children are written").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(stalled.IsCompleted);
        Assert.Equal(["cart"], sink.Created);
        sink.Release();
        await stalled.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["cart", "checkout"], sink.Created);
    }

    private sealed class StallingSink(string stallFor) : IEventSink
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> created = [];

        public IReadOnlyList<string> Created
        {
            get
            {
                lock (created)
                {
                    return [.. created];
                }
            }
        }

        public void Release() => release.SetResult();

        public async Task CreateAsync(Corev1Event coreEvent, CancellationToken cancellationToken)
        {
            if (coreEvent.InvolvedObject.Name == stallFor)
            {
                await release.Task;
            }

            lock (created)
            {
                created.Add(coreEvent.InvolvedObject.Name);
            }
        }

        public Task<bool> UpdateCountAsync(string @namespace, string name, int count, DateTimeOffset lastTimestamp, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    public void Dispose() => api.Dispose();
}
