using System.Net;
using k8s.Models;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class DeletionTests : ApiServerTest
{
    [Fact]
    public async Task Finalizer_KeepsObjectWithDeletionTimestampUntilRemoved()
    {
        var cm = ConfigMap("a");
        cm.Metadata.Finalizers = ["junction.dev/cleanup"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        var terminating = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        terminating.Metadata.Finalizers = [];
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(terminating, "a", "default");

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        var (code, _) = await Failure(() => Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default"));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Deletion_WithFinalizer_BumpsGenerationOfGenerationalKind()
    {
        var d = Deployment("web");
        d.Metadata.Finalizers = ["junction.dev/cleanup"];
        await Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");
        var terminating = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Equal(2, terminating.Metadata.Generation);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task Terminating_AddingFinalizer_Returns422()
    {
        var cm = ConfigMap("a");
        cm.Metadata.Finalizers = ["one"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        var terminating = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        terminating.Metadata.Finalizers.Add("two");

        var (code, _) = await Failure(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(terminating, "a", "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
    }

    [Fact]
    public async Task BackgroundDeletion_RemovesDependents()
    {
        var owner = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Owned("dep", owner, block: false), "default");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", propagationPolicy: "Background");

        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task Create_DependentOfDeletedOwner_IsCollected()
    {
        var owner = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");

        await Client.CoreV1.CreateNamespacedConfigMapAsync(Owned("late", owner, block: false), "default");

        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task Update_OwnerReferenceToLiveOwner_KeepsDependent()
    {
        var owner = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "default");
        var cm = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "default");
        cm.Metadata.OwnerReferences = Owned("cm", owner, block: false).Metadata.OwnerReferences;

        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "cm", "default");

        Assert.Single((await Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task ForegroundDeletion_WaitsForBlockingDependents()
    {
        var owner = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        var dependent = Owned("dep", owner, block: true);
        dependent.Metadata.Finalizers = ["hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(dependent, "default");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", propagationPolicy: "Foreground");
        var waiting = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        var held = await Client.CoreV1.ReadNamespacedConfigMapAsync("dep", "default");
        held.Metadata.Finalizers = [];
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "dep", "default");

        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers);
        Assert.NotNull(waiting.Metadata.DeletionTimestamp);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        var (code, _) = await Failure(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task OrphanDeletion_RemovesOwnerReferencesAndKeepsDependents()
    {
        var owner = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Owned("dep", owner, block: false), "default");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", propagationPolicy: "Orphan");
        var kept = await Client.CoreV1.ReadNamespacedConfigMapAsync("dep", "default");

        Assert.Null(kept.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Delete_WithStaleResourceVersionPrecondition_Returns409()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1", Uid = cm.Metadata.Uid } };

        var (code, status) = await Failure(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default", options));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("Precondition failed: ResourceVersion in precondition: 1", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WithWrongUidPrecondition_Returns409()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-it" } };

        var (code, _) = await Failure(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default", options));

        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task NamespaceDeletion_DeletesItsObjectsThenItself()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ns: "team"), "team");

        await Client.CoreV1.DeleteNamespaceAsync("team");

        Assert.Empty((await Client.CoreV1.ListConfigMapForAllNamespacesAsync()).Items);
        Assert.DoesNotContain((await Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "team");
    }

    [Fact]
    public async Task TerminatingNamespace_RefusesNewObjects()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } });
        var held = ConfigMap("held", ns: "team");
        held.Metadata.Finalizers = ["hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(held, "team");
        await Client.CoreV1.DeleteNamespaceAsync("team");

        var ns = await Client.CoreV1.ReadNamespaceAsync("team");
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b", ns: "team"), "team"));

        Assert.Equal("Terminating", ns.Status.Phase);
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
    }

    private static V1ConfigMap Owned(string name, V1Deployment owner, bool block)
    {
        var cm = ConfigMap(name);
        cm.Metadata.OwnerReferences =
        [
            new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = block, Controller = true },
        ];
        return cm;
    }
}
