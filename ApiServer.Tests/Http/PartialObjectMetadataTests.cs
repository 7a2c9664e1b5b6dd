using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.Http;

/// <summary>Metadata-only reads (<c>as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1</c>), as kube-apiserver serves them.</summary>
public sealed class PartialObjectMetadataTests : ApiServerTest
{
    private const string AsMetadata = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
    private const string AsMetadataList = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    [Fact]
    public async Task List_AsPartialObjectMetadataList_ReturnsMetadataWithoutData()
    {
        await CreateSecret("tls", "one");
        await CreateSecret("other", "two");

        using var response = await Send(HttpMethod.Get, "api/v1/namespaces/default/secrets", accept: AsMetadataList);
        var list = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PartialObjectMetadataList", list["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", list["apiVersion"]!.GetValue<string>());
        Assert.Equal(Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list["metadata"]!["resourceVersion"]!.GetValue<string>());
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["other", "tls"], items.Select(i => i["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(items, AssertMetadataOnly);
        Assert.Equal("junction", items[1]["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.DoesNotContain("b25l", list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AsPartialObjectMetadata_SendsEventsWithMetadataOnly()
    {
        var first = await CreateSecret("tls", "one");
        var from = first["metadata"]!["resourceVersion"]!.GetValue<string>();
        var watch = Send(HttpMethod.Get, $"api/v1/namespaces/default/secrets?watch=true&resourceVersion={from}&timeoutSeconds=2", accept: AsMetadata);
        await Task.Delay(300);
        await CreateSecret("late", "two");
        using (var update = await Send(HttpMethod.Patch, "api/v1/namespaces/default/secrets/tls", """{"data":{"tls.key":"dGhyZWU="}}""", "application/merge-patch+json"))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        using var response = await watch;
        var events = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ADDED", "MODIFIED"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal(["late", "tls"], events.Select(e => e["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(events, e => AssertMetadataOnly(e["object"]!.AsObject()));
    }

    [Fact]
    public async Task Get_AsPartialObjectMetadata_ReturnsMetadataOnly()
    {
        await CreateSecret("tls", "one");

        using var response = await Send(HttpMethod.Get, "api/v1/namespaces/default/secrets/tls", accept: AsMetadata);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertMetadataOnly(await Json(response));
    }

    [Theory]
    [InlineData("api/v1/namespaces/default/secrets", "application/json;as=Unknown;g=meta.k8s.io;v=v1", "only the following media types are accepted")]
    [InlineData("api/v1/namespaces/default/secrets", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v2", "only the following media types are accepted")]
    [InlineData("api/v1/namespaces/default/secrets", AsMetadata, "you requested PartialObjectMetadata, but the requested object is a list")]
    [InlineData("api/v1/namespaces/default/secrets/tls", AsMetadataList, "you requested PartialObjectMetadataList, but the requested object is not a list")]
    [InlineData("api/v1/namespaces/default/secrets?watch=true&timeoutSeconds=1", AsMetadataList, "you requested PartialObjectMetadataList, but the requested object is not a list")]
    public async Task TransformTheServerCannotServe_Is406NotAcceptable(string path, string accept, string message)
    {
        await CreateSecret("tls", "one");

        using var response = await Send(HttpMethod.Get, path, accept: accept);
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NotAcceptable", status["reason"]!.GetValue<string>());
        Assert.Equal(406, status["code"]!.GetValue<int>());
        Assert.Contains(message, status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTransformWithPlainJsonFallback_ServesTheFullObject()
    {
        await CreateSecret("tls", "one");

        using var response = await Send(HttpMethod.Get, "api/v1/namespaces/default/secrets/tls", accept: "application/json;as=Unknown;g=meta.k8s.io;v=v1, application/json");
        var secret = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Secret", secret["kind"]!.GetValue<string>());
        Assert.Equal("b25l", secret["data"]!["tls.crt"]!.GetValue<string>());
    }

    private static void AssertMetadataOnly(JsonObject obj)
    {
        Assert.Equal("PartialObjectMetadata", obj["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal(["kind", "apiVersion", "metadata"], obj.Select(p => p.Key));
        Assert.False(string.IsNullOrEmpty(obj["metadata"]!["uid"]?.GetValue<string>()));
        Assert.Equal("default", obj["metadata"]!["namespace"]!.GetValue<string>());
    }

    private async Task<JsonObject> CreateSecret(string name, string value)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["type"] = "kubernetes.io/tls",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "junction" } },
            ["data"] = new JsonObject { ["tls.crt"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)), ["tls.key"] = "a2V5" },
        };
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/secrets", secret.ToJsonString());
        var created = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        return created;
    }
}
