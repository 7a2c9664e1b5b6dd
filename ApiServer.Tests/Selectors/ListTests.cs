using Xunit;
using System.Net;
using k8s;
using k8s.Models;

namespace Junction.ApiServer.Tests.Selectors;

public sealed class ListTests : ApiServerTest
{
    [Theory]
    [InlineData("app=web", "a,b")]
    [InlineData("app==web", "a,b")]
    [InlineData("app!=web", "c,d")]
    [InlineData("app in (web,db)", "a,b,c")]
    [InlineData("app notin (web)", "c,d")]
    [InlineData("tier", "b")]
    [InlineData("!tier", "a,c,d")]
    [InlineData("app=web,tier=front", "b")]
    public async Task LabelSelector_SelectsLikeKubernetes(string selector, string expected)
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["app"] = "web" }), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c", new Dictionary<string, string> { ["app"] = "db" }), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("d"), "default");

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: selector);

        Assert.Equal(expected, string.Join(",", list.Items.Select(i => i.Metadata.Name)));
    }

    [Fact]
    public async Task FieldSelector_ByNameAndNotEqual()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");

        var byName = await Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=b");
        var notA = await Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name!=a");

        Assert.Equal("b", Assert.Single(byName.Items).Metadata.Name);
        Assert.Equal("b", Assert.Single(notA.Items).Metadata.Name);
    }

    [Fact]
    public async Task FieldSelector_EventsByInvolvedObject()
    {
        foreach (var (name, target) in new[] { ("e1", "web"), ("e2", "db") })
        {
            await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = target, NamespaceProperty = "default" },
                Reason = "Synced",
                Message = "ok",
            }, "default");
        }

        var list = await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.kind=Deployment,involvedObject.name=db");

        Assert.Equal("e2", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task FieldSelector_UnsupportedField_Returns400()
    {
        var (code, status) = await Failure(() => Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "data.k=v"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: data.k", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task LimitAndContinue_PageThroughEverythingOnce()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"cm-{i}"), "default");
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3, continueParameter: token);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), names);
    }

    [Fact]
    public async Task List_ReturnsCollectionResourceVersion()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");

        Assert.Equal(created.Metadata.ResourceVersion, list.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Table_ForCustomResource_HasNamePrinterColumnsAndAge()
    {
        await CreateWidgetCrd();
        await CreateWidget("w", 4);
        Server.Simulator.SetCondition("test.junction.dev/v1", "widgets", "default", "w", "Ready", "True", "Done", "ready");
        Time.Advance(TimeSpan.FromMinutes(5));

        using var response = await Send(HttpMethod.Get, "apis/test.junction.dev/v1/namespaces/default/widgets", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");
        var table = await Json(response);

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Size", "Ready", "Age"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("w", cells[0]!.GetValue<string>());
        Assert.Equal(4, cells[1]!.GetValue<int>());
        Assert.Equal("True", cells[2]!.GetValue<string>());
        Assert.Equal("5m", cells[3]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", table["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Table_ForCrds_ShowsCreatedAtTimestamp()
    {
        await CreateWidgetCrd();

        using var response = await Send(HttpMethod.Get, "apis/apiextensions.k8s.io/v1/customresourcedefinitions", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");
        var table = await Json(response);

        Assert.Equal("Created At", table["columnDefinitions"]![1]!["name"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", table["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task Table_ForDeployment_ShowsReadyColumn()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");
        Server.Simulator.CompleteDeploymentRollout("default", "web");

        using var response = await Send(HttpMethod.Get, "apis/apps/v1/namespaces/default/deployments/web", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");
        var table = await Json(response);

        Assert.Equal("Ready", table["columnDefinitions"]![1]!["name"]!.GetValue<string>());
        Assert.Equal("2/2", table["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }
}
