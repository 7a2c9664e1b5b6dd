using Junction.Runtime.Controllers;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using Junction.Runtime.Queue;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Runtime.Tests.Controllers;

public sealed class EnqueueHandlersTests
{
    private readonly WorkQueue<ReconcileRequest> queue = new("test", new FakeTimeProvider(), new MetricsRegistry());

    [Fact]
    public async Task ForObject_AddUpdateDelete_EnqueueTheObjectsKeyOnce()
    {
        var handler = EnqueueHandlers.ForObject<Widget>(queue);

        handler.OnAdd(Policy("checkout", generation: 1), true);
        handler.OnUpdate(Policy("checkout", generation: 1), Policy("checkout", generation: 2));
        handler.OnDelete(Policy("cart", generation: 1), false);

        Assert.Equal(["shop/checkout", "shop/cart"], await Drain());
    }

    [Fact]
    public async Task ForObject_GenerationChangedFilter_DropsStatusOnlyUpdates()
    {
        var handler = EnqueueHandlers.ForObject<Widget>(queue, Predicates.GenerationChanged);

        handler.OnUpdate(Policy("status-only", generation: 3), Policy("status-only", generation: 3));
        handler.OnUpdate(Policy("spec-edit", generation: 3), Policy("spec-edit", generation: 4));

        Assert.Equal(["shop/spec-edit"], await Drain());
    }

    [Fact]
    public async Task ForOwner_ChildWithControllerReference_EnqueuesTheOwningPolicy()
    {
        var handler = EnqueueHandlers.ForOwner<V1Deployment>(queue, Widget.Group, Widget.KindName);
        var owned = Child("checkout-proxy", new V1OwnerReference { ApiVersion = Widget.ApiVersionString, Kind = Widget.KindName, Name = "checkout", Uid = "u1", Controller = true });
        var foreign = Child("other", new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "u2", Controller = true });
        var notController = Child("shared", new V1OwnerReference { ApiVersion = Widget.ApiVersionString, Kind = Widget.KindName, Name = "cart", Uid = "u3" });

        handler.OnAdd(owned, false);
        handler.OnAdd(foreign, false);
        handler.OnDelete(notController, true);

        Assert.Equal(["shop/checkout"], await Drain());
    }

    [Fact]
    public async Task ForMapped_ServiceChanges_EnqueuesEveryPolicyReferencingItThroughAnIndex()
    {
        var policies = new InformerCache<Widget>();
        policies.AddIndexer("service", p => Indexers.SameNamespace(p, [p.Spec.Service]));
        policies.Upsert(Policy("checkout", generation: 1, target: "web"));
        policies.Upsert(Policy("checkout-canary", generation: 1, target: "web"));
        policies.Upsert(Policy("cart", generation: 1, target: "cart"));
        var handler = EnqueueHandlers.ForMapped<V1Service>(queue, service =>
            policies.ByIndex("service", CacheKeys.For(service)).Select(EnqueueHandlers.RequestFor));

        handler.OnUpdate(Service("web"), Service("web"));

        Assert.Equal(["shop/checkout", "shop/checkout-canary"], (await Drain()).Order());
    }

    private async Task<List<string>> Drain()
    {
        var keys = new List<string>();
        while (queue.Len > 0)
        {
            var (item, _) = await queue.GetAsync();
            keys.Add(item.ToString());
            queue.Done(item);
        }
        return keys;
    }

    private static Widget Policy(string name, long generation, string target = "web") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Generation = generation },
        Spec = new WidgetSpec { Service = target },
    };

    private static V1Deployment Child(string name, V1OwnerReference owner) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", OwnerReferences = [owner] } };

    private static V1Service Service(string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" } };
}
