using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Http;

public sealed class BodyLimitTests : ApiServerTest
{
    [Fact]
    public async Task YamlBodyNested30000Deep_Returns400AndServerKeepsServing()
    {
        var body = HostileBodies.DeepYaml(30_000);
        Assert.InRange(body.Length, 50_000, 70_000);

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", body, "application/yaml");

        var status = await Json(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("Status", "BadRequest", 400), (status["kind"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
        Assert.Equal("error converting YAML to JSON: yaml: exceeded max depth of 64", status["message"]!.GetValue<string>());
        var namespaces = await Client.CoreV1.ListNamespaceAsync();
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after"), "default");
    }

    [Fact]
    public async Task JsonBodyNested30000Deep_Returns400()
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", HostileBodies.DeepJson(30_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeded max depth of 64", (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("application/json")]
    public async Task BodyAtTheDepthLimit_PassesTheLimitAndOneLevelMoreDoesNot(string media)
    {
        // The object, data and 62 lists are 64 levels.
        string Body(int lists) => media == "application/yaml" ? HostileBodies.DeepYaml(lists) : HostileBodies.DeepJson(lists);

        using var within = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", Body(62), media);
        using var beyond = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", Body(63), media);

        Assert.DoesNotContain("max depth", await within.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("exceeded max depth of 64", await beyond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatchNested30000Deep_Returns400()
    {
        using var response = await Send(HttpMethod.Patch, "api/v1/namespaces/default/configmaps/deep?fieldManager=test", HostileBodies.DeepYaml(30_000), "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeded max depth", (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergePatchNested30000Deep_Returns400()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("target"), "default");

        using var response = await Send(HttpMethod.Patch, "api/v1/namespaces/default/configmaps/target", HostileBodies.DeepJson(30_000), "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeded max depth", (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AliasBombApplied_Returns400ExcessiveAliasing()
    {
        using var response = await Send(HttpMethod.Patch, "api/v1/namespaces/default/configmaps/bomb?fieldManager=test", HostileBodies.AliasBomb(), "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error converting YAML to JSON: yaml: document contains excessive aliasing", (await Json(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BodyOverThreeMebibytes_Returns413WithKubeStatus()
    {
        var cm = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "big" },
            ["data"] = new JsonObject { ["k"] = new string('x', (3 * 1024 * 1024) + 1) },
        };

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", cm.ToJsonString());

        var status = await Json(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLarge", status["reason"]!.GetValue<string>());
        Assert.Equal("Request entity too large: limit is 3145728", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonPatchOver10000Operations_Returns413()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("ops"), "default");
        var ops = new JsonArray(Enumerable.Range(0, 10_001).Select(_ => (JsonNode)new JsonObject { ["op"] = "test", ["path"] = "/data/k", ["value"] = "v" }).ToArray());

        using var response = await Send(HttpMethod.Patch, "api/v1/namespaces/default/configmaps/ops", ops.ToJsonString(), "application/json-patch+json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The allowed maximum operations in a JSON patch is 10000, got 10001", (await Json(response))["message"]!.GetValue<string>());
    }
}
