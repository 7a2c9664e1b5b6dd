using System.Text.Json.Nodes;
using k8s.Models;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class GenerationAndStatusTests : ApiServerTest
{
    [Fact]
    public async Task SpecChange_BumpsGeneration()
    {
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        d.Spec.Replicas = 3;

        var updated = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default");

        Assert.Equal(2, updated.Metadata.Generation);
    }

    [Fact]
    public async Task LabelChange_KeepsGeneration()
    {
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        d.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "web" };

        var updated = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default");

        Assert.Equal(1, updated.Metadata.Generation);
        Assert.NotEqual(d.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task MainEndpoint_IgnoresStatus()
    {
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        d.Status = new V1DeploymentStatus { ReadyReplicas = 5 };

        var updated = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default");

        Assert.Null(updated.Status?.ReadyReplicas);
    }

    [Fact]
    public async Task StatusEndpoint_IgnoresSpecAndKeepsGeneration()
    {
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        d.Status = new V1DeploymentStatus { ReadyReplicas = 1, ObservedGeneration = 1 };
        d.Spec.Replicas = 7;

        var updated = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(d, "web", "default");

        Assert.Equal(1, updated.Status.ReadyReplicas);
        Assert.Equal(1, updated.Spec.Replicas);
        Assert.Equal(1, updated.Metadata.Generation);
    }

    [Fact]
    public async Task CustomResource_StatusSubresource_SeparatesSpecAndStatus()
    {
        await CreateWidgetCrd();
        var created = await CreateWidget("w", 2);
        created["status"] = new JsonObject { ["observedGeneration"] = 1 };
        created["spec"]!["size"] = 9;

        using var status = await Send(HttpMethod.Put, "apis/test.junction.dev/v1/namespaces/default/widgets/w/status", created.ToJsonString());
        var afterStatus = await Json(status);
        Assert.Equal(2, afterStatus["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, afterStatus["metadata"]!["generation"]!.GetValue<int>());
        afterStatus["spec"]!["size"] = 4;
        afterStatus["status"]!["observedGeneration"] = 99;
        using var main = await Send(HttpMethod.Put, "apis/test.junction.dev/v1/namespaces/default/widgets/w", afterStatus.ToJsonString());
        var afterMain = await Json(main);

        Assert.Equal(1, afterMain["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Equal(4, afterMain["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(2, afterMain["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task CustomResource_UpdateWithoutResourceVersion_Returns422()
    {
        await CreateWidgetCrd();
        await CreateWidget("w", 2);

        using var response = await Send(HttpMethod.Put, "apis/test.junction.dev/v1/namespaces/default/widgets/w", TestManifests.Widget("w", 3).ToJsonString());

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("metadata.resourceVersion", (await Json(response))["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
