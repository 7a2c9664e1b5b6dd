using Xunit;
using System.Net;

namespace Junction.ApiServer.Tests.Http;

public sealed class RequestBodyTests : ApiServerTest
{
    [Fact]
    public async Task YamlBody_IsAccepted()
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  k: v\n", "application/yaml");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("v", (await Json(response))["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProtobufBody_KindOutsideTheModel_Returns415()
    {
        using var response = await Send(HttpMethod.Post, "apis/coordination.k8s.io/v1/namespaces/default/leases", "k8s\0binary", "application/vnd.kubernetes.protobuf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var status = await Json(response);
        Assert.Equal("UnsupportedMediaType", status["reason"]!.GetValue<string>());
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProtobufBody_Malformed_Returns400NamingTheKind()
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces", "k8s\0binary", "application/vnd.kubernetes.protobuf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (await Json(response))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongFieldType_Returns400()
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"type":5,"ports":[{"port":80}]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (await Json(response))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task MismatchedKind_Returns400()
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NameMismatchOnUpdate_Returns400()
    {
        await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps", """{"metadata":{"name":"a"}}""");

        using var response = await Send(HttpMethod.Put, "api/v1/namespaces/default/configmaps/a", """{"metadata":{"name":"b"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the name of the object (b) does not match the name on the URL (a)", (await Json(response))["message"]!.GetValue<string>());
    }
}
