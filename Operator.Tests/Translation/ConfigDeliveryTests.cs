using Junction.Api.V1Alpha1;
using Junction.Objects;
using Junction.Tests.Support;
using Junction.Translation;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Translation;

/// <summary>What each config delivery does to a gateway's pod template when only the config changes.</summary>
public sealed class ConfigDeliveryTests
{
    private static readonly TranslatorOptions Agent = TranslatorOptions.Default with { ConfigDelivery = ConfigDelivery.Agent };

    [Fact]
    public void Translate_AgentDeliveryConfigOnlyChange_PodTemplateUnchanged()
    {
        var (before, after) = (Template(Policy(retries: 1), Agent), Template(Policy(retries: 3), Agent));

        Assert.Equal(before, after);
    }

    [Fact]
    public void Translate_RolloutDeliveryConfigOnlyChange_PodTemplateChanges()
    {
        var (before, after) = (Template(Policy(retries: 1), TranslatorOptions.Default), Template(Policy(retries: 3), TranslatorOptions.Default));

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Translate_AgentDeliveryConfigOnlyChange_ConfigMapStillChanges()
    {
        var before = Translate(Policy(retries: 1), Agent);
        var after = Translate(Policy(retries: 3), Agent);

        Assert.NotEqual(before.ConfigHash, after.ConfigHash);
        Assert.NotEqual(
            before.Objects.OfType<V1ConfigMap>().Single().Data[ChildObjects.ConfigFileName],
            after.Objects.OfType<V1ConfigMap>().Single().Data[ChildObjects.ConfigFileName]);
    }

    [Fact]
    public void Translate_AgentDeliveryImageChange_PodTemplateChanges()
    {
        var before = Template(Policy(retries: 1), Agent);
        var after = Template(Policy(retries: 1, image: "haproxy:3.2.5"), Agent);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Translate_AgentDelivery_ProxyContainerRunsTheAgentForThisGateway()
    {
        var result = Translate(Policy(retries: 1), Agent with { ProxyApiUrl = "https://junction-proxy-api.ops.svc:15012" });
        var pod = result.Objects.OfType<V1Deployment>().Single().Spec.Template.Spec;
        var proxy = pod.Containers.Single();

        Assert.Equal(["/junction/bin/junction-agent"], proxy.Command);
        Assert.Equal(
            ["run", "--proxy", "gateway/shop/checkout-proxy", "--operator", "https://junction-proxy-api.ops.svc:15012", "--operator-ca", "/var/run/junction/trust/ca.pem", "--instance", "$(POD_NAME)", "--token-file", "/var/run/secrets/junction/token"],
            proxy.Args);
        Assert.Equal(ChildObjects.AgentInstallContainerName, pod.InitContainers.Single().Name);
        Assert.Equal("checkout-proxy", pod.ServiceAccountName);
        var token = pod.Volumes.Single(v => v.Name == "token").Projected.Sources.Single().ServiceAccountToken;
        Assert.Equal(("junction", 3600L), (token.Audience, token.ExpirationSeconds!.Value));
        Assert.Equal((15021, "/healthz/ready"), (proxy.Ports.Single(p => p.Name == "agent").ContainerPort, proxy.ReadinessProbe.HttpGet.Path));
        Assert.Contains(result.Objects, o => o is V1ServiceAccount { Metadata.Name: "checkout-proxy" });
    }

    private static string Template(TrafficPolicy policy, TranslatorOptions options) =>
        KubernetesJson.Serialize(Translate(policy, options).Objects.OfType<V1Deployment>().Single().Spec.Template);

    private static TranslationResult Translate(TrafficPolicy policy, TranslatorOptions options)
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "checkout" }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        };
        return PolicyTranslator.Translate(policy, new TranslationContext(new Dictionary<string, V1Service> { ["checkout"] = service }, new Dictionary<string, V1Secret>(), options));
    }

    private static TrafficPolicy Policy(int retries, string? image = null) => PolicyBuilder.Policy("shop", "checkout")
        .Target("checkout", 8080)
        .Retry(retries)
        .Spec(s => s.Proxy = new ProxySpec { Replicas = 2, Image = image })
        .Build();
}
