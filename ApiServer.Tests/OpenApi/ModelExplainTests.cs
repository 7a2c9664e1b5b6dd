using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Model;
using Xunit;

namespace Junction.ApiServer.Tests.OpenApi;

/// <summary>The documents the server serves by default: generated from the built-in model, read by kubectl explain.</summary>
public sealed class ModelExplainTests : KubectlTest
{
    protected override ApiServerOptions Options => new() { TimeProvider = Time, CrdPaths = [Path.Combine(RepoRoot, "crds")] };

    [Fact]
    public async Task ExplainDeploymentSpec_PrintsTheModelledFields()
    {
        var explained = (await Run("explain deployment.spec")).Stdout;

        Assert.Contains("FIELD: spec <DeploymentSpec>", explained, StringComparison.Ordinal);
        Assert.Matches(@"replicas\s+<integer>", explained);
        Assert.Matches(@"selector\s+<LabelSelector>", explained);
        Assert.Matches(@"template\s+<PodTemplateSpec>", explained);
        Assert.Matches(@"strategy\s+<DeploymentStrategy>", explained);
    }

    [Fact]
    public async Task ExplainPodContainerImage_Works()
    {
        var image = (await Run("explain pod.spec.containers.image")).Stdout;
        var containers = (await Run("explain pod.spec.containers")).Stdout;

        Assert.Contains("FIELD: image <string>", image, StringComparison.Ordinal);
        Assert.Contains("FIELD: containers <[]Container>", containers, StringComparison.Ordinal);
        Assert.Matches(@"name\s+<string> -required-", containers);
        Assert.Matches(@"livenessProbe\s+<Probe>", containers);
    }

    [Fact]
    public async Task ExplainProbe_ShowsInlineHandlerMembers()
    {
        var explained = (await Run("explain deployment.spec.template.spec.containers.readinessProbe")).Stdout;

        Assert.Matches(@"httpGet\s+<HTTPGetAction>", explained);
        Assert.Matches(@"exec\s+<ExecAction>", explained);
    }

    [Fact]
    public async Task ExplainRbacAndConfigMap_ListsAndMaps()
    {
        var rules = (await Run("explain role.rules")).Stdout;
        var data = (await Run("explain configmap.data")).Stdout;

        Assert.Matches(@"verbs\s+<\[\]string>", rules);
        Assert.Contains("FIELD: data <map[string]string>", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainTrafficPolicySpec_StillWorks()
    {
        var explained = (await Run("explain trafficpolicy.spec")).Stdout;

        Assert.Matches(@"targetRef\s+<Object>", explained);
    }

    [Fact]
    public async Task EveryModelledKindTheServerServes_HasAGeneratedSchema()
    {
        var missing = new List<string>();
        foreach (var kind in BuiltinModel.Kinds)
        {
            var groupVersion = kind.ApiVersion.Contains('/', StringComparison.Ordinal) ? $"apis/{kind.ApiVersion}" : $"api/{kind.ApiVersion}";
            using var discovery = await Send(HttpMethod.Get, groupVersion, accept: "application/json");
            var served = discovery.StatusCode == HttpStatusCode.OK
                && (await Json(discovery))["resources"]!.AsArray().Any(r => r!["kind"]!.GetValue<string>() == kind.Kind);
            if (!served)
            {
                continue;
            }

            using var response = await Send(HttpMethod.Get, "openapi/v3/" + groupVersion, accept: "application/json");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{kind.ApiVersion} {kind.Kind}: {response.StatusCode}");
                continue;
            }

            var schemas = (await Json(response))["components"]!["schemas"]!.AsObject();
            var schema = schemas[kind.Message] as JsonObject;
            var gvks = schema?["x-kubernetes-group-version-kind"]?.ToJsonString() ?? string.Empty;
            if (!gvks.Contains($"\"kind\":\"{kind.Kind}\"", StringComparison.Ordinal))
            {
                missing.Add($"{kind.ApiVersion} {kind.Kind}");
            }
        }

        Assert.Empty(missing);
    }
}
