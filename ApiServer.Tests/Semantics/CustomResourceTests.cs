using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class CustomResourceTests : ApiServerTest
{
    private const string Widgets = "apis/test.junction.dev/v1/namespaces/default/widgets";

    [Fact]
    public async Task Crd_GetsEstablishedAndNamesAcceptedConditions()
    {
        await CreateWidgetCrd();

        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.test.junction.dev");

        Assert.Equal("True", crd.Status.Conditions.Single(c => c.Type == "Established").Status);
        Assert.Equal("True", crd.Status.Conditions.Single(c => c.Type == "NamesAccepted").Status);
        Assert.Equal(["v1"], crd.Status.StoredVersions);
    }

    [Fact]
    public async Task CustomResource_CrudThroughKubernetesClient()
    {
        await CreateWidgetCrd();

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(TestManifests.Widget("w", 3), "test.junction.dev", "v1", "default", "widgets");
        var read = JsonNode.Parse(k8s.KubernetesJson.Serialize(await Client.CustomObjects.GetNamespacedCustomObjectAsync("test.junction.dev", "v1", "default", "widgets", "w")))!;

        Assert.Equal(3, read["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("Widget", read["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"size":0}""", "spec.size", "FieldValueInvalid", "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1")]
    [InlineData("""{"size":11}""", "spec.size", "FieldValueInvalid", "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10")]
    [InlineData("""{"size":"big"}""", "spec.size", "FieldValueTypeInvalid", "spec.size: Invalid value: \"big\": spec.size in body must be of type integer: \"string\"")]
    [InlineData("""{"color":"red"}""", "spec.size", "FieldValueRequired", "spec.size: Required value")]
    [InlineData("""{"size":1,"color":"green"}""", "spec.color", "FieldValueNotSupported", "spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\"")]
    [InlineData("""{"size":1,"name":"ABC"}""", "spec.name", "FieldValueInvalid", "spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'")]
    [InlineData("""{"size":1,"name":"abcdefghij"}""", "spec.name", "FieldValueTooLong", "spec.name: Too long: may not be more than 8 bytes")]
    [InlineData("""{"size":1,"tags":["a","b","c"]}""", "spec.tags", "FieldValueTooMany", "spec.tags: Too many: 3: must have at most 2 items")]
    public async Task InvalidSpec_Returns422WithCause(string spec, string field, string reason, string message)
    {
        await CreateWidgetCrd();
        var body = TestManifests.Widget("w", 1);
        body["spec"] = JsonNode.Parse(spec);

        using var response = await Send(HttpMethod.Post, Widgets, body.ToJsonString());
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal(field, cause["field"]!.GetValue<string>());
        Assert.Equal(reason, cause["reason"]!.GetValue<string>());
        Assert.Equal($"Widget.test.junction.dev \"w\" is invalid: {message}", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownField_IsPrunedWithWarningByDefault()
    {
        await CreateWidgetCrd();
        var body = TestManifests.Widget("w", 1);
        body["spec"]!["bogus"] = true;

        using var response = await Send(HttpMethod.Post, Widgets, body.ToJsonString());
        var created = await Json(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(created["spec"]!["bogus"]);
        Assert.Contains("unknown field \\\"spec.bogus\\\"", string.Join(",", response.Headers.GetValues("Warning")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownField_UnderStrictValidation_Returns400()
    {
        await CreateWidgetCrd();
        var body = TestManifests.Widget("w", 1);
        body["spec"]!["bogus"] = true;

        using var response = await Send(HttpMethod.Post, Widgets + "?fieldValidation=Strict", body.ToJsonString());
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.bogus\"", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownField_UnderIgnore_IsPrunedSilently()
    {
        await CreateWidgetCrd();
        var body = TestManifests.Widget("w", 1);
        body["spec"]!["bogus"] = true;

        using var response = await Send(HttpMethod.Post, Widgets + "?fieldValidation=Ignore", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task CrdPaths_ServeCrdsFromYamlFilesAtStart()
    {
        var directory = Directory.CreateTempSubdirectory("junction-crds-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "widgets.yaml"), "# test CRDs\n---\n" + TestManifests.WidgetCrdYaml + "\n---\n");
            await using var server = await Junction.ApiServer.InMemoryApiServer.StartAsync(new Junction.ApiServer.ApiServerOptions { CrdPaths = [directory] });
            using var http = new HttpClient { BaseAddress = server.BaseAddress };

            using var response = await http.GetAsync(Widgets);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DeletingCrd_StopsServingItsResources()
    {
        await CreateWidgetCrd();
        await CreateWidget("w", 1);

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.test.junction.dev");
        using var response = await Send(HttpMethod.Get, Widgets);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
