using Junction.Injection;
using Junction.Tests.Reconciliation;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Injection;

/// <summary>config/webhook says what the issue asks of the injector's configuration, and the local run registers the same.</summary>
public sealed class WebhookManifestTests
{
    private static V1MutatingWebhookConfiguration Manifest() =>
        KubernetesYaml.Deserialize<V1MutatingWebhookConfiguration>(File.ReadAllText(Path.Combine(ClusterFixture.RepositoryRoot(), "config", "webhook", "mutating_webhook.yaml")));

    [Fact]
    public void Manifest_Webhook_FailClosedOnlyOutsideJunctionAndKubeSystem()
    {
        var webhook = Assert.Single(Manifest().Webhooks);

        Assert.Equal(("Fail", "IfNeeded", "None"), (webhook.FailurePolicy, webhook.ReinvocationPolicy, webhook.SideEffects));
        Assert.Equal(["v1"], webhook.AdmissionReviewVersions);
        Assert.InRange(webhook.TimeoutSeconds!.Value, 1, 10);
        Assert.Equal(("webhook", "/inject", 443), (webhook.ClientConfig.Service.Name, webhook.ClientConfig.Service.Path, webhook.ClientConfig.Service.Port!.Value));
        Assert.Null(webhook.ClientConfig.CaBundle);
        var rule = Assert.Single(webhook.Rules);
        Assert.Equal(["CREATE"], rule.Operations);
        Assert.Equal(["pods"], rule.Resources);
        var selector = webhook.NamespaceSelector.MatchExpressions;
        Assert.Contains(selector, e => e.Key == InjectionNames.NamespaceLabel && e.OperatorProperty == "In" && e.Values.SequenceEqual([InjectionNames.Enabled]));
        Assert.Contains(selector, e => e.Key == "kubernetes.io/metadata.name" && e.OperatorProperty == "NotIn" && e.Values.SequenceEqual(["junction-system", "kube-system"]));
    }

    [Fact]
    public void ForUrl_SameWebhookAsTheManifestButForTheUrl()
    {
        var manifest = Assert.Single(Manifest().Webhooks);
        var local = Assert.Single(WebhookConfigurations.ForUrl("https://127.0.0.1:9443/inject", "junction-system").Webhooks);

        manifest.ClientConfig = null;
        Assert.Equal("https://127.0.0.1:9443/inject", local.ClientConfig.Url);
        local.ClientConfig = null;
        Assert.Equal(KubernetesJson.Serialize(manifest), KubernetesJson.Serialize(local));
    }
}
