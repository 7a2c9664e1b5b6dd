using System.Net;
using k8s.Models;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class CrudTests : ApiServerTest
{
    [Fact]
    public async Task Create_ConfigMap_SetsUidCreationTimestampAndResourceVersionButNoGeneration()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.Equal(Time.GetUtcNow().UtcDateTime, created.Metadata.CreationTimestamp);
        Assert.Null(created.Metadata.Generation);
        Assert.True(long.Parse(created.Metadata.ResourceVersion) > 0);
    }

    [Fact]
    public async Task Create_GenerationalKind_StartsGenerationAtOne()
    {
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        Assert.Equal(1, created.Metadata.Generation);
    }

    [Fact]
    public async Task ResourceVersion_IncreasesAcrossTheStore()
    {
        var a = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        var b = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "default");
        var c = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "default");

        Assert.True(long.Parse(a.Metadata.ResourceVersion) < long.Parse(b.Metadata.ResourceVersion));
        Assert.True(long.Parse(b.Metadata.ResourceVersion) < long.Parse(c.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Get_Missing_Returns404WithKubernetesStatus()
    {
        var (code, status) = await Failure(() => Client.AppsV1.ReadNamespacedDeploymentAsync("x", "default"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        var expected = System.Text.Json.Nodes.JsonNode.Parse("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"x\" not found","reason":"NotFound","details":{"name":"x","group":"apps","kind":"deployments"},"code":404}""");
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, status), status.ToJsonString());
    }

    [Fact]
    public async Task Create_Twice_Returns409AlreadyExists()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", status["reason"]!.GetValue<string>());
        Assert.Equal("configmaps \"a\" already exists", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WithGenerateName_AppendsFiveCharacters()
    {
        var body = ConfigMap(null!);
        body.Metadata.GenerateName = "job-";

        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(body, "default");

        Assert.Matches("^job-[a-z0-9]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task Create_InMissingNamespace_Returns404ForTheNamespace()
    {
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ns: "nope"), "nope"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"nope\" not found", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_InvalidName_Returns422WithFieldCause()
    {
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Bad_Name"), "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal("metadata.name", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Returns409Conflict()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        created.Data["k"] = "first";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");
        created.Data["k"] = "second";

        var (code, status) = await Failure(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_WithoutResourceVersion_IsUnconditionalForBuiltins()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        var replacement = ConfigMap("a");
        replacement.Data["k"] = "new";

        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(replacement, "a", "default");

        Assert.Equal("new", updated.Data["k"]);
    }

    [Fact]
    public async Task Update_Unchanged_KeepsResourceVersion()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var again = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", "default");

        Assert.Equal(created.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Service_GetsClusterIpAndPortDefaults()
    {
        var svc = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 8080 }] },
        };

        var created = await Client.CoreV1.CreateNamespacedServiceAsync(svc, "default");

        Assert.Equal("ClusterIP", created.Spec.Type);
        Assert.Equal("None", created.Spec.SessionAffinity);
        Assert.StartsWith("10.96.", created.Spec.ClusterIP, StringComparison.Ordinal);
        Assert.Equal("TCP", created.Spec.Ports[0].Protocol);
        Assert.Equal("8080", created.Spec.Ports[0].TargetPort.Value);
    }

    [Fact]
    public async Task HeadlessService_KeepsClusterIpNone()
    {
        var svc = new V1Service { Metadata = new V1ObjectMeta { Name = "web-pods" }, Spec = new V1ServiceSpec { ClusterIP = "None", Ports = [new V1ServicePort { Port = 80 }] } };

        var created = await Client.CoreV1.CreateNamespacedServiceAsync(svc, "default");

        Assert.Equal("None", created.Spec.ClusterIP);
    }

    [Fact]
    public async Task Deployment_GetsDefaults()
    {
        var body = Deployment("web");
        body.Spec.Replicas = null;

        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(body, "default");

        Assert.Equal(1, created.Spec.Replicas);
        Assert.Equal(10, created.Spec.RevisionHistoryLimit);
        Assert.Equal(600, created.Spec.ProgressDeadlineSeconds);
        Assert.Equal("RollingUpdate", created.Spec.Strategy.Type);
        Assert.Equal("IfNotPresent", created.Spec.Template.Spec.Containers[0].ImagePullPolicy);
    }

    [Fact]
    public async Task Deployment_SelectorNotMatchingTemplate_Returns422()
    {
        var body = Deployment("web");
        body.Spec.Template.Metadata.Labels["app"] = "other";

        var (code, status) = await Failure(() => Client.AppsV1.CreateNamespacedDeploymentAsync(body, "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("spec.template.metadata.labels", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Namespaces_FromOtherNamespaceAreNotListed()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ns: "team"), "team");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");

        var team = await Client.CoreV1.ListNamespacedConfigMapAsync("team");
        var all = await Client.CoreV1.ListConfigMapForAllNamespacesAsync();

        Assert.Equal("a", Assert.Single(team.Items).Metadata.Name);
        Assert.Equal(2, all.Items.Count);
    }
}
