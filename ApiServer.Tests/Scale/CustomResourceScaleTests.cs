using Junction.ApiServer.Tests.Support;
using Xunit;

namespace Junction.ApiServer.Tests.Scale;

/// <summary>The scale subresource of a CRD that declares one, through the real kubectl.</summary>
public sealed class CustomResourceScaleTests : KubectlTest
{
    private const string ScaleSubresource = """
              scale:
                specReplicasPath: .spec.size
                statusReplicasPath: .status.running
                labelSelectorPath: .status.selector
        """;

    private static string Crd(bool scale) => CrdText.Replace("    # scale\n", scale ? ScaleSubresource + "\n" : "", StringComparison.Ordinal);

    private const string CrdText = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: pools.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: pools, singular: pool, kind: Pool}
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            # scale
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                  status:
                    type: object
                    properties:
                      running: {type: integer}
                      selector: {type: string}
        """;

    [Fact]
    public async Task KubectlScale_WritesTheSpecReplicasPath_AndTheScaleReadsTheDeclaredPaths()
    {
        await Run($"apply -f {File("crd.yaml", Crd(scale: true))}");
        await Run("wait --for=condition=Established crd/pools.example.com --timeout=10s");
        await Run($"apply -f {File("pool.yaml", "apiVersion: example.com/v1\nkind: Pool\nmetadata: {name: web}\nspec: {size: 1}\n")}");
        await Run($"patch pool web --subresource=status --type=merge --patch-file {File("status.json", "{\"status\":{\"running\":1,\"selector\":\"app=web\"}}")}");

        var scaled = await Run("scale pool web --replicas=3");
        var size = await Run("get pool web -o jsonpath={.spec.size}");
        var scale = await Run("get --raw /apis/example.com/v1/namespaces/default/pools/web/scale");
        var discovery = await Run("api-resources --api-group=example.com -o name");

        Assert.Contains("pool.example.com/web scaled", scaled.Stdout, StringComparison.Ordinal);
        Assert.Equal("3", size.Stdout.Trim());
        Assert.Contains("\"kind\":\"Scale\"", scale.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"spec\":{\"replicas\":3}", scale.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"status\":{\"replicas\":1,\"selector\":\"app=web\"}", scale.Stdout, StringComparison.Ordinal);
        Assert.Equal("pools.example.com", discovery.Stdout.Trim());
    }

    [Fact]
    public async Task Scale_OfAResourceWithoutTheSubresource_IsNotFound()
    {
        await Run($"apply -f {File("crd.yaml", Crd(scale: false))}");
        await Run("wait --for=condition=Established crd/pools.example.com --timeout=10s");
        await Run($"apply -f {File("pool.yaml", "apiVersion: example.com/v1\nkind: Pool\nmetadata: {name: web}\nspec: {size: 1}\n")}");

        var scaled = await TryRun("scale pool web --replicas=3");

        Assert.NotEqual(0, scaled.ExitCode);
        Assert.Equal("1", (await Run("get pool web -o jsonpath={.spec.size}")).Stdout.Trim());
    }
}
