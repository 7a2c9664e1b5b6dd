using k8s.Models;

namespace Junction.Injection;

/// <summary>The MutatingWebhookConfiguration of the injector, as config/webhook deploys it, for a webhook reached by URL (<c>run --local</c>).</summary>
internal static class WebhookConfigurations
{
    /// <summary>
    /// The configuration calling <paramref name="url"/> for pod creations in labelled namespaces
    /// other than <paramref name="operatorNamespace"/> and kube-system, trusting <paramref name="caBundlePem"/>
    /// (null: empty until the operator writes it).
    /// </summary>
    public static V1MutatingWebhookConfiguration ForUrl(string url, string operatorNamespace, string? caBundlePem = null) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "MutatingWebhookConfiguration",
        Metadata = new V1ObjectMeta
        {
            Name = InjectionNames.WebhookConfiguration,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "junction", ["app.kubernetes.io/component"] = "webhook" },
        },
        Webhooks =
        [
            new V1MutatingWebhook
            {
                Name = "sidecar.traffic.junction.dev",
                AdmissionReviewVersions = ["v1"],
                SideEffects = "None",
                FailurePolicy = "Fail",
                ReinvocationPolicy = "IfNeeded",
                MatchPolicy = "Equivalent",
                TimeoutSeconds = 5,
                ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = url, CaBundle = caBundlePem is null ? null : System.Text.Encoding.UTF8.GetBytes(caBundlePem) },
                Rules =
                [
                    new V1RuleWithOperations { Operations = ["CREATE"], ApiGroups = [""], ApiVersions = ["v1"], Resources = ["pods"], Scope = "Namespaced" },
                ],
                NamespaceSelector = new V1LabelSelector
                {
                    MatchExpressions =
                    [
                        new V1LabelSelectorRequirement { Key = InjectionNames.NamespaceLabel, OperatorProperty = "In", Values = [InjectionNames.Enabled] },
                        new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "NotIn", Values = [operatorNamespace, "kube-system"] },
                    ],
                },
            },
        ],
    };
}
