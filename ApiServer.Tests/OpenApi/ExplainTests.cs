using Xunit;

namespace Junction.ApiServer.Tests.OpenApi;

/// <summary>kubectl explain over the generated documents: built-in kinds from their shapes, custom resources from their CRDs.</summary>
public sealed class ExplainTests : KubectlTest
{
    protected override ApiServerOptions Options => new()
    {
        TimeProvider = Time,
        Shapes = new HandShapes(),
        CrdPaths = [Path.Combine(RepoRoot, "crds")],
    };

    [Fact]
    public async Task ExplainDeploymentSpec_ListsFieldsWithTypes()
    {
        var explained = (await Run("explain deployment.spec")).Stdout;

        Assert.Contains("GROUP:      apps", explained, StringComparison.Ordinal);
        Assert.Contains("FIELD: spec <DeploymentSpec>", explained, StringComparison.Ordinal);
        Assert.Contains("DeploymentSpec is the specification of the desired", explained, StringComparison.Ordinal);
        Assert.Matches(@"replicas\s+<integer>", explained);
        Assert.Matches(@"selector\s+<LabelSelector> -required-", explained);
        Assert.Matches(@"template\s+<PodTemplateSpec> -required-", explained);
        Assert.Matches(@"strategy\s+<DeploymentStrategy>", explained);
    }

    [Fact]
    public async Task ExplainPodContainerImage_PrintsTheField()
    {
        var explained = (await Run("explain pod.spec.containers.image")).Stdout;

        Assert.Contains("FIELD: image <string>", explained, StringComparison.Ordinal);
        Assert.Contains("Container image name.", explained, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainSpecialTypes_NameQuantityAndIntOrString()
    {
        var limits = (await Run("explain pod.spec.containers.resources.limits")).Stdout;
        var surge = (await Run("explain deployment.spec.strategy.maxSurge")).Stdout;
        var created = (await Run("explain deployment.metadata.creationTimestamp")).Stdout;

        Assert.Contains("FIELD: limits <map[string]Quantity>", limits, StringComparison.Ordinal);
        Assert.Contains("FIELD: maxSurge <IntOrString>", surge, StringComparison.Ordinal);
        Assert.Contains("FIELD: creationTimestamp <string>", created, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainContainers_ListOfObjects()
    {
        var explained = (await Run("explain pod.spec.containers")).Stdout;

        Assert.Contains("FIELD: containers <[]Container>", explained, StringComparison.Ordinal);
        Assert.Matches(@"name\s+<string> -required-", explained);
    }

    [Fact]
    public async Task ExplainTrafficPolicySpec_StillRendersTheCrdSchema()
    {
        var explained = (await Run("explain trafficpolicy.spec")).Stdout;

        Assert.Contains("GROUP:      traffic.junction.dev", explained, StringComparison.Ordinal);
        Assert.Matches(@"targetRef\s+<Object>", explained);
    }

    [Fact]
    public async Task ExplainKindWithoutShape_FailsAsForAnUnknownSchema()
    {
        var result = await TryRun("explain configmap");

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task ApplyStrict_WithBuiltinSchemas_StillValidatesOnTheServer()
    {
        var manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: app, image: nginx:1.25}]
            """;

        var applied = await Run("apply --validate=strict -f -", manifest);

        Assert.Contains("deployment.apps/web created", applied.Stdout, StringComparison.Ordinal);
    }
}
