using System.Net;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

/// <summary>policy/v1 PodDisruptionBudget, which the operator writes for gateways with more than one replica.</summary>
public sealed class DisruptionBudgetTests : ApiServerTest
{
    private const string Path = "apis/policy/v1/namespaces/default/poddisruptionbudgets";

    [Fact]
    public async Task Create_TypedClient_IsStoredAndListed()
    {
        await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(
            new V1PodDisruptionBudget
            {
                Metadata = new V1ObjectMeta { Name = "gw-proxy" },
                Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "gw" } } },
            },
            "default");

        var listed = Assert.Single((await Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync("default")).Items);
        Assert.Equal("gw-proxy", listed.Metadata.Name);
        Assert.Equal("gw", listed.Spec.Selector.MatchLabels["app"]);
    }

    [Theory]
    [InlineData("""{"minAvailable":1,"maxUnavailable":1}""", "minAvailable and maxUnavailable cannot be both set")]
    [InlineData("""{"maxUnavailable":"150%"}""", "spec.maxUnavailable: Invalid value: \"150%\": must be a non-negative integer or a percentage between 0% and 100%")]
    [InlineData("""{"minAvailable":-1}""", "spec.minAvailable: Invalid value: -1")]
    public async Task Create_BadBounds_Returns422InKubeWords(string spec, string message)
    {
        using var response = await Send(HttpMethod.Post, Path, $$"""{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"b"},"spec":{{spec}}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync("default")).Items);
    }
}
