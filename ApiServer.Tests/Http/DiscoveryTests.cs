using Xunit;
using k8s;
using System.Net;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tests.Http;

public sealed class DiscoveryTests : ApiServerTest
{
    [Fact]
    public async Task Version_ReportsKubernetesVersionFields()
    {
        var version = await Client.Version.GetCodeAsync();

        Assert.Equal("1", version.Major);
        Assert.StartsWith("v1.", version.GitVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoreV1_ListsResourcesWithVerbsShortNamesAndScope()
    {
        var list = await Client.CoreV1.GetAPIResourcesAsync();

        var services = Assert.Single(list.Resources, r => r.Name == "services");
        Assert.True(services.Namespaced);
        Assert.Equal("Service", services.Kind);
        Assert.Equal("service", services.SingularName);
        Assert.Contains("svc", services.ShortNames);
        Assert.Contains("watch", services.Verbs);
        var namespaces = Assert.Single(list.Resources, r => r.Name == "namespaces");
        Assert.False(namespaces.Namespaced);
        Assert.Contains(list.Resources, r => r.Name == "namespaces/status");
    }

    [Fact]
    public async Task Apis_ListsBuiltinGroupsWithPreferredVersions()
    {
        var groups = await Client.Apis.GetAPIVersionsAsync();

        foreach (var name in new[] { "apps", "networking.k8s.io", "discovery.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io", "events.k8s.io" })
        {
            var group = Assert.Single(groups.Groups, g => g.Name == name);
            Assert.Equal("v1", group.PreferredVersion.Version);
        }
    }

    [Fact]
    public async Task CreatedCrd_IsServedInDiscoveryAndOpenApiV3()
    {
        await CreateWidgetCrd();

        using var resources = await Send(HttpMethod.Get, "apis/test.junction.dev/v1");
        var list = await Json(resources);
        var widgets = list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "widgets")!;
        Assert.Equal("Widget", widgets["kind"]!.GetValue<string>());
        Assert.Equal("wd", widgets["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("junction", widgets["categories"]![0]!.GetValue<string>());
        using var root = await Send(HttpMethod.Get, "openapi/v3");
        var url = (await Json(root))["paths"]!["apis/test.junction.dev/v1"]!["serverRelativeURL"]!.GetValue<string>();
        using var doc = await Send(HttpMethod.Get, url.TrimStart('/'));
        var schema = (await Json(doc))["components"]!["schemas"]!["dev.junction.test.v1.Widget"]!;
        Assert.Equal("Size of the widget in units.", schema["properties"]!["spec"]!["properties"]!["size"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownGroup_Returns404Status()
    {
        using var response = await Send(HttpMethod.Get, "apis/nothing.example.com/v1/things");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await Json(response))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartingNamespaces_Exist()
    {
        var list = await Client.CoreV1.ListNamespaceAsync();

        Assert.Equal(new[] { "default", "kube-node-lease", "kube-public", "kube-system" }, list.Items.Select(n => n.Metadata.Name).Order().ToArray());
        Assert.All(list.Items, n => Assert.Equal("Active", n.Status.Phase));
    }
}
