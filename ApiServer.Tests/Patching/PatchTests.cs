using Xunit;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Junction.ApiServer.Tests.Patching;

public sealed class PatchTests : ApiServerTest
{
    [Fact]
    public async Task MergePatch_SetsLabelAndNullDeletesKey()
    {
        var cm = ConfigMap("a");
        cm.Data["gone"] = "x";
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"edge"}},"data":{"gone":null}}""", V1Patch.PatchType.MergePatch), "a", "default");

        Assert.Equal("edge", patched.Metadata.Labels["team"]);
        Assert.False(patched.Data.ContainsKey("gone"));
        Assert.Equal("v", patched.Data["k"]);
    }

    [Fact]
    public async Task JsonPatch_AppliesOperationsAfterPassingTest()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"test","path":"/data/k","value":"v"},{"op":"replace","path":"/data/k","value":"w"},{"op":"add","path":"/data/n","value":"1"}]""", V1Patch.PatchType.JsonPatch), "a", "default");

        Assert.Equal("w", patched.Data["k"]);
        Assert.Equal("1", patched.Data["n"]);
    }

    [Fact]
    public async Task JsonPatch_FailingTest_Returns422AndChangesNothing()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var (code, _) = await Failure(() => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"test","path":"/data/k","value":"other"},{"op":"replace","path":"/data/k","value":"w"}]""", V1Patch.PatchType.JsonPatch), "a", "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        var now = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        Assert.Equal(created.Metadata.ResourceVersion, now.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task StrategicMergePatch_MergesContainersByName()
    {
        var d = Deployment("web");
        d.Spec.Template.Spec.Containers.Add(new V1Container { Name = "side", Image = "busybox:1" });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.26","env":[{"name":"A","value":"1"}]}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["app", "side"], containers.Select(c => c.Name));
        Assert.Equal("nginx:1.26", containers[0].Image);
        Assert.Equal(80, containers[0].Ports[0].ContainerPort);
        Assert.Equal("A", containers[0].Env[0].Name);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task StrategicMergePatch_DeleteDirectiveAndElementOrder()
    {
        var d = Deployment("web");
        d.Spec.Template.Spec.Containers.Add(new V1Container { Name = "side", Image = "busybox:1" });
        d.Spec.Template.Spec.Containers.Add(new V1Container { Name = "third", Image = "busybox:1" });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"third"},{"name":"app"}],"containers":[{"$patch":"delete","name":"side"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        Assert.Equal(["third", "app"], patched.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task StrategicMergePatch_OnCustomResource_Returns415()
    {
        await CreateWidgetCrd();
        await CreateWidget("w", 2);

        using var response = await Send(HttpMethod.Patch, "apis/test.junction.dev/v1/namespaces/default/widgets/w", """{"spec":{"size":3}}""", "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", (await Json(response))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerSideApply_CreatesAndRecordsManagedFields()
    {
        var applied = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"x":"1"}},"data":{"k":"v"}}""", V1Patch.PatchType.ApplyPatch), "a", "default", fieldManager: "junction");

        var entry = Assert.Single(applied.Metadata.ManagedFields);
        Assert.Equal("junction", entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        var fields = JsonNode.Parse(KubernetesJson.Serialize(entry.FieldsV1))!;
        Assert.NotNull(fields["f:data"]!["f:k"]);
        Assert.NotNull(fields["f:metadata"]!["f:labels"]!["f:x"]);
    }

    [Fact]
    public async Task ServerSideApply_FieldOwnedByAnotherManager_Returns409NamingTheField()
    {
        await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "first");

        var (code, status) = await Failure(() => Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"other"}}""", "second"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal(".data.k", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\" using v1: .data.k", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerSideApply_Force_TakesOwnership()
    {
        await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "first");

        var forced = await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"other"}}""", "second", force: true);

        Assert.Equal("other", forced.Data["k"]);
        Assert.Equal("second", Assert.Single(forced.Metadata.ManagedFields).Manager);
    }

    [Fact]
    public async Task ServerSideApply_SameValue_SharesOwnershipWithoutConflict()
    {
        await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "first");

        var shared = await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "second");

        Assert.Equal(["first", "second"], shared.Metadata.ManagedFields.Select(m => m.Manager).Order());
    }

    [Fact]
    public async Task ServerSideApply_DroppedField_IsRemoved()
    {
        await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v","old":"x"}}""", "junction");

        var applied = await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "junction");

        Assert.False(applied.Data.ContainsKey("old"));
    }

    [Fact]
    public async Task ServerSideApply_UpdateByOtherClient_TakesFieldWithoutConflict()
    {
        var cm = await Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "junction");
        cm.Data["k"] = "edited";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default", fieldManager: "editor");

        var (code, status) = await Failure(() => Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""", "junction"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("conflict with \"editor\"", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerSideApply_WithoutFieldManager_Returns400()
    {
        using var response = await Send(HttpMethod.Patch, "api/v1/namespaces/default/configmaps/a", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}""", "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ServerSideApply_Deployment_MergesContainersByName()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default", fieldManager: "creator");

        var applied = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1"}]}}}}""", V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "sidecar");

        Assert.Equal(["app", "side"], applied.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    private Task<V1ConfigMap> Apply(string body, string manager, bool force = false) =>
        Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "a", "default", fieldManager: manager, force: force);
}
