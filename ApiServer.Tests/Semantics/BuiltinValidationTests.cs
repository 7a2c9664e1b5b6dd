using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class BuiltinValidationTests : ApiServerTest
{
    private const string ServicesPath = "api/v1/namespaces/default/services";

    [Fact]
    public async Task ServicePortNotAnInt32_Returns400InKubeWords()
    {
        using var response = await Send(HttpMethod.Post, ServicesPath, Service("""[{"port":1e309}]"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal number 1e309 into Go struct field ServicePort.spec.ports.port of type int32",
            (await Json(response))["message"]!.GetValue<string>());
        Assert.Empty((await Client.CoreV1.ListNamespacedServiceAsync("default")).Items);
    }

    [Fact]
    public async Task ServicePortOutOfRange_Returns422WithFieldPath()
    {
        using var response = await Send(HttpMethod.Post, ServicesPath, Service("""[{"port":70000}]"""));

        var status = await Json(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Service \"s\" is invalid: ", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var causes = status["details"]!["causes"]!.AsArray().Select(c => $"{c!["reason"]} {c["field"]}").ToList();
        Assert.Contains("FieldValueInvalid spec.ports[0].port", causes);
    }

    [Fact]
    public async Task ServiceWithTwoUnnamedPortsAndBadProtocol_Returns422ForEach()
    {
        using var response = await Send(HttpMethod.Post, ServicesPath, Service("""[{"port":80,"protocol":"HTTP"},{"port":81,"name":"Web"}]"""));

        var fields = (await Json(response))["details"]!["causes"]!.AsArray().Select(c => $"{c!["field"]} {c["reason"]}").ToList();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["spec.ports[0].name FieldValueRequired", "spec.ports[0].protocol FieldValueNotSupported", "spec.ports[1].name FieldValueInvalid"], fields);
    }

    [Fact]
    public async Task MergePatchPuttingAnOutOfRangePort_Returns422AndKeepsTheObject()
    {
        using var created = await Send(HttpMethod.Post, ServicesPath, Service("""[{"port":80}]"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var response = await Send(HttpMethod.Patch, $"{ServicesPath}/s", """{"spec":{"ports":[{"port":0}]}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(80, (await Client.CoreV1.ReadNamespacedServiceAsync("s", "default")).Spec.Ports[0].Port);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"1e309\"")]
    [InlineData("true")]
    public async Task DeploymentWithAnUnparsableQuantity_Returns400(string cpu)
    {
        var deployment = JsonNode.Parse(KubernetesJson.Serialize(Deployment("web")))!;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = JsonNode.Parse($"{{\"limits\":{{\"cpu\":{cpu}}}}}");

        using var response = await Send(HttpMethod.Post, "apis/apps/v1/namespaces/default/deployments", deployment.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            (await Json(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeploymentWithNegativeQuantityAndValidOnes_RejectsOnlyTheNegative()
    {
        var deployment = JsonNode.Parse(KubernetesJson.Serialize(Deployment("web")))!;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = JsonNode.Parse("""{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"-1"}}""");

        using var response = await Send(HttpMethod.Post, "apis/apps/v1/namespaces/default/deployments", deployment.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0", (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngressWithRelativePrefixPathAndMissingPathType_Returns422()
    {
        var ingress = """
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i"},"spec":{"rules":[{"http":{"paths":[
              {"path":"api","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}},
              {"path":"/x","backend":{"service":{"name":"web","port":{"number":80}}}},
              {"path":"/y","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":70000}}}}]}}]}}
            """;

        using var response = await Send(HttpMethod.Post, "apis/networking.k8s.io/v1/namespaces/default/ingresses", ingress);

        var message = (await Json(response))["message"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path", message, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified", message, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].http.paths[2].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidServiceDeploymentAndIngress_AreAccepted()
    {
        using var service = await Send(HttpMethod.Post, ServicesPath, Service("""[{"name":"http","port":80,"targetPort":"http","protocol":"TCP"},{"name":"admin","port":9000,"targetPort":9000}]"""));
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        Assert.Equal("web", deployment.Metadata.Name);
    }

    private static string Service(string ports) =>
        $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"selector":{"app":"s"},"ports":{{{ports}}}}}""";
}
