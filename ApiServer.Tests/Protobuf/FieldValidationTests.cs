using Xunit;
using System.Net;
using System.Text.Json.Nodes;
using k8s;

namespace Junction.ApiServer.Tests.Protobuf;

/// <summary>fieldValidation on built-in kinds, with kube-apiserver's messages, over HTTP and with the real kubectl.</summary>
public sealed class FieldValidationTests : ApiServerTest, IDisposable
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        spec:
          replicas: 1
          replicas2: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx
        """;

    private const string Body = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"dupe","name":"web","labels":{"app":"web"},"unknownMeta":"x"},
         "spec":{"unknown1":"a","unknownDupe":"b","unknownDupe":"c","paused":true,"paused":false,
           "selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"nginx","unknownNested":"x","imagePullPolicy":"Always","imagePullPolicy":"Never"}]}}}}
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("junction-validate-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Create_Strict_Refuses400ListingUnknownAndDuplicateFieldsInDocumentOrder()
    {
        using var response = await Send(HttpMethod.Post, "apis/apps/v1/namespaces/default/deployments?fieldValidation=Strict", Body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: duplicate field \"metadata.name\", unknown field \"metadata.unknownMeta\", unknown field \"spec.unknown1\", unknown field \"spec.unknownDupe\", duplicate field \"spec.paused\", unknown field \"spec.template.spec.containers[0].unknownNested\", duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"",
            (await Json(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Warn_StoresWithoutUnknownFieldsAndWarnsEach()
    {
        using var response = await Send(HttpMethod.Post, "apis/apps/v1/namespaces/default/deployments?fieldValidation=Warn", Body);
        var stored = await Json(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(7, response.Headers.GetValues("Warning").Count());
        Assert.Equal("299 - \"unknown field \\\"metadata.unknownMeta\\\"\"", response.Headers.GetValues("Warning").ElementAt(1));
        Assert.Null(stored["spec"]!["unknown1"]);
        Assert.Equal("web", stored["metadata"]!["name"]!.GetValue<string>());
        Assert.False(stored["spec"]!["paused"]?.GetValue<bool>() ?? false);
        Assert.Equal("Never", stored["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Ignore_DropsUnknownFieldsSilently()
    {
        using var response = await Send(HttpMethod.Post, "apis/apps/v1/namespaces/default/deployments?fieldValidation=Ignore", Body);
        var stored = await Json(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
        Assert.Null(stored["metadata"]!["unknownMeta"]);
        Assert.Null(stored["spec"]!["template"]!["spec"]!["containers"]![0]!["unknownNested"]);
    }

    [Fact]
    public async Task MergePatch_Strict_Refuses422OnThePatch()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        using var response = await Send(HttpMethod.Patch, "apis/apps/v1/namespaces/default/deployments/web?fieldValidation=Strict", """{"spec":{"paused":true,"paused":false,"unknown1":"x","template":{"spec":{"hostNetwork2":true}}}}""", "application/merge-patch+json");
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.EndsWith("strict decoding error: duplicate field \"spec.paused\", unknown field \"spec.template.spec.hostNetwork2\", unknown field \"spec.unknown1\"", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: \"{", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrategicMergePatch_Warn_AppliesAndWarns()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        using var response = await Send(HttpMethod.Patch, "apis/apps/v1/namespaces/default/deployments/web?fieldValidation=Warn", """{"spec":{"replicas":3,"replicas2":3}}""", "application/strategic-merge-patch+json");
        var stored = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"spec.replicas2\\\"\""], response.Headers.GetValues("Warning"));
        Assert.Equal(3, stored["spec"]!["replicas"]!.GetValue<int>());
        Assert.Null(stored["spec"]!["replicas2"]);
    }

    [Fact]
    public async Task JsonPatch_Strict_ReportsItsOwnUnknownMembers()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        using var response = await Send(HttpMethod.Patch, "apis/apps/v1/namespaces/default/deployments/web?fieldValidation=Strict", """[{"op":"add","path":"/spec/x","value":1,"foo":"bar"}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.EndsWith("strict decoding error: json patch unknown field \"[0].foo\", unknown field \"spec.x\"", (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerSideApply_UnknownField_FailsAsTheTypedConversionDoes()
    {
        using var response = await Send(HttpMethod.Patch, "apis/apps/v1/namespaces/default/deployments/web?fieldManager=test&fieldValidation=Ignore", Manifest, "application/apply-patch+yaml");
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.replicas2: field not declared in schema", status["message"]!.GetValue<string>());
        Assert.Null(status["reason"]);
    }

    [Fact]
    public async Task ProtobufAndCustomResources_KeepTheirBehaviour()
    {
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/configmaps?fieldValidation=Strict", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","a":"2"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("strict decoding error: duplicate field \"data.a\"", (await Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlApply_ValidateStrict_FailsWithKubeApiserversMessage()
    {
        var result = await Kubectl.Run(Kubeconfig(), $"apply --validate=strict -f {ManifestFile()}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replicas2\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlApply_ValidateWarn_WarnsAndCreates()
    {
        var result = await Kubectl.Run(Kubeconfig(), $"apply --validate=warn -f {ManifestFile()}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("unknown field \"spec.replicas2\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/web created", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlApply_ValidateFalse_DropsTheField()
    {
        var result = await Kubectl.Run(Kubeconfig(), $"apply --validate=false -f {ManifestFile()}");
        var stored = await Kubectl.Run(Kubeconfig(), "get deployment web -o json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("replicas2", result.Stderr, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(stored.Stdout)!["spec"]!["replicas2"]);
    }

    private string Kubeconfig() => Server.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));

    private string ManifestFile()
    {
        var path = Path.Combine(directory, "deployment.yaml");
        File.WriteAllText(path, Manifest);
        return path;
    }
}
