using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class BuiltinKindsTests : ApiServerTest
{
    [Fact]
    public async Task Lease_UpdateWithStaleVersion_Conflicts()
    {
        var lease = await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "junction-leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 } }, "default");
        lease.Spec.HolderIdentity = "b";
        await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "junction-leader", "default");
        lease.Spec.HolderIdentity = "c";

        var (code, _) = await Failure(() => Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "junction-leader", "default"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("b", (await Client.CoordinationV1.ReadNamespacedLeaseAsync("junction-leader", "default")).Spec.HolderIdentity);
    }

    [Fact]
    public async Task DeploymentScale_ReadsAndWritesSpecReplicas()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");

        var before = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        var after = await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Equal(2, before.Spec.Replicas);
        Assert.Equal("app=web", before.Status.Selector);
        Assert.Equal(5, after.Spec.Replicas);
        Assert.Equal(5, deployment.Spec.Replicas);
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [Fact]
    public async Task IngressClass_IsClusterScoped()
    {
        await Client.NetworkingV1.CreateIngressClassAsync(new V1IngressClass { Metadata = new V1ObjectMeta { Name = "haproxy" }, Spec = new V1IngressClassSpec { Controller = "junction.dev/haproxy" } });

        var read = await Client.NetworkingV1.ReadIngressClassAsync("haproxy");

        Assert.Null(read.Metadata.NamespaceProperty);
        Assert.Equal("junction.dev/haproxy", read.Spec.Controller);
    }

    [Fact]
    public async Task EndpointSlice_RoundTrips()
    {
        var slice = new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "web-abc", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
            AddressType = "IPv4",
            Endpoints = [new V1Endpoint { Addresses = ["10.0.0.5"] }],
            Ports = [new Discoveryv1EndpointPort { Port = 8080, Protocol = "TCP" }],
        };

        await Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, "default");
        var list = await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web");

        Assert.Equal("10.0.0.5", Assert.Single(list.Items).Endpoints[0].Addresses[0]);
    }

    [Fact]
    public async Task EventsV1_SelectableByRegarding()
    {
        await Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "e1" },
            Regarding = new V1ObjectReference { Kind = "Deployment", Name = "web" },
            Reason = "Synced",
            Action = "Reconcile",
            ReportingController = "junction.dev/operator",
            ReportingInstance = "junction-0",
            EventTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        }, "default");

        var list = await Client.EventsV1.ListNamespacedEventAsync("default", fieldSelector: "regarding.name=web");

        Assert.Single(list.Items);
    }

    [Fact]
    public async Task Secret_StringDataIsEncodedIntoData()
    {
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "tls" }, StringData = new Dictionary<string, string> { ["a"] = "b" } }, "default");

        Assert.Equal("b", System.Text.Encoding.UTF8.GetString(secret.Data["a"]));
        Assert.Equal("Opaque", secret.Type);
        Assert.Null(secret.StringData);
    }

    [Fact]
    public async Task DeleteCollection_DeletesOnlySelectedObjects()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["owned"] = "yes" }), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");

        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync("default", labelSelector: "owned=yes");

        Assert.Equal("b", Assert.Single((await Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items).Metadata.Name);
    }

    [Fact]
    public async Task SendInitialEvents_EndsInitialStateWithAnnotatedBookmark()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var text = await Http.GetStringAsync("api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1");
        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal("ADDED", events[0]["type"]!.GetValue<string>());
        Assert.Equal("BOOKMARK", events[1]["type"]!.GetValue<string>());
        Assert.Equal("true", events[1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }
}
