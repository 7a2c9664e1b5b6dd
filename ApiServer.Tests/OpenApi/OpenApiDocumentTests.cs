using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.OpenApi;

/// <summary>The generated OpenAPI v3 and v2 documents, read as a client reads them.</summary>
public sealed class OpenApiDocumentTests : ApiServerTest
{
    private const string DeploymentSchema = "io.k8s.api.apps.v1.Deployment";
    private const string Quantity = Schema.OpenApiSchemas.Quantity;

    protected override ApiServerOptions Options => new() { TimeProvider = Time, Shapes = new HandShapes() };

    [Fact]
    public async Task V3GroupVersion_NamesComponentsAsKubeApiserver()
    {
        var schemas = (await Get("openapi/v3/apis/apps/v1"))["components"]!["schemas"]!.AsObject();

        var deployment = schemas[DeploymentSchema]!.AsObject();
        Assert.Equal("""[{"group":"apps","kind":"Deployment","version":"v1"}]""", deployment["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec", deployment["properties"]!["spec"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("string", deployment["properties"]!["apiVersion"]!["type"]!.GetValue<string>());
        Assert.True(schemas.ContainsKey("io.k8s.api.core.v1.Container"));
        Assert.Equal("""["name"]""", schemas["io.k8s.api.core.v1.Container"]!["required"]!.ToJsonString());
        Assert.Equal(2, schemas[Quantity]!["oneOf"]!.AsArray().Count);
    }

    [Fact]
    public async Task V3GroupVersion_ListItemsAndMapValuesReferToTheirType()
    {
        var schemas = (await Get("openapi/v3/api/v1"))["components"]!["schemas"]!.AsObject();

        var containers = schemas["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!;
        var limits = schemas["io.k8s.api.core.v1.ResourceRequirements"]!["properties"]!["limits"]!;
        Assert.Equal("array", containers["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", containers["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/" + Quantity, limits["additionalProperties"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Pod", (await Get("openapi/v3/api/v1"))["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task V3Root_ListsEveryGroupVersionWithAHash()
    {
        var paths = (await Get("openapi/v3"))["paths"]!.AsObject();

        Assert.Matches("^/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}$", paths["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>());
        Assert.True(paths.ContainsKey("apis/rbac.authorization.k8s.io/v1"));
    }

    [Fact]
    public async Task V2Json_HoldsDefinitionsWithV2References()
    {
        var document = await Get("openapi/v2");

        Assert.Equal("2.0", document["swagger"]!.GetValue<string>());
        var deployment = document["definitions"]![DeploymentSchema]!;
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", deployment["properties"]!["spec"]!["$ref"]!.GetValue<string>());
        Assert.Equal("string", document["definitions"]![Quantity]!["type"]!.GetValue<string>());
        var patch = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["type"]!.GetValue<string>() == "string");
    }

    [Fact]
    public async Task V2Protobuf_IsNotAcceptable()
    {
        using var response = await Send(HttpMethod.Get, "openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NotAcceptable", status["reason"]!.GetValue<string>());
    }

    private async Task<JsonObject> Get(string path)
    {
        using var response = await Send(HttpMethod.Get, path, accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }
}
