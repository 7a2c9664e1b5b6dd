using Junction.Api.V1Alpha1;
using Junction.Tests.Translation;
using k8s;
using Xunit;

namespace Junction.Tests.Support;

public sealed class PolicyBuilderTests
{
    [Fact]
    public void Build_Canary_EqualsTheYamlItStandsFor()
    {
        var built = PolicyBuilder.Policy("shop", "checkout")
            .Target("checkout", 8080)
            .Ingress("shop.example.com")
            .IngressTls("shop-tls")
            .Retry(3, "503")
            .Route("canary", r => r.PathPrefix("/api").Backend("checkout", 8080, 90).Backend("checkout-v2", 8080, 10))
            .Mode(ProxyModes.None)
            .Build();

        var parsed = PolicyTranslatorTests.Parse("""
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: checkout, namespace: shop}
            spec:
              targetRef: {name: checkout, port: 8080}
              ingress: {hosts: [shop.example.com], tls: {secretName: shop-tls}}
              retry: {attempts: 3, retryOn: ["503"]}
              routes:
                - name: canary
                  matches: [{path: {type: PathPrefix, value: /api}}]
                  backendRefs:
                    - {name: checkout, port: 8080, weight: 90}
                    - {name: checkout-v2, port: 8080, weight: 10}
              proxy: {mode: None}
            """);
        Assert.Equal(KubernetesJson.Serialize(parsed), KubernetesJson.Serialize(built));
    }

    [Fact]
    public void Build_VariantOfASharedBase_LeavesTheBaseAsItWas()
    {
        var shared = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080);

        var variant = shared.Mode(ProxyModes.Sidecar).Route("extra").Build();
        var again = shared.Build();

        Assert.Equal(ProxyModes.Sidecar, variant.Spec.Proxy!.Mode);
        Assert.Null(again.Spec.Proxy);
        Assert.Null(again.Spec.Routes);
    }

    [Fact]
    public void Build_Twice_GivesIndependentObjects()
    {
        var builder = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080).Label("team", "a");

        var first = builder.Build();
        first.Metadata.Labels["team"] = "changed";

        Assert.Equal("a", builder.Build().Metadata.Labels["team"]);
    }

    [Fact]
    public void Yaml_Policy_ParsesBackToTheSameObject()
    {
        var builder = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080).RateLimit(10, "Global", burst: 20).Tracing(5);

        var parsed = PolicyTranslatorTests.Parse(builder.Yaml());

        Assert.Equal(KubernetesJson.Serialize(builder.Build()), KubernetesJson.Serialize(parsed));
    }
}
