using System.Text.Json.Nodes;
using Junction.Injection;
using k8s;
using k8s.Models;

namespace Junction.Tests.Injection;

/// <summary>A MutatingWebhookConfiguration in memory; patches are applied as the API server would, resourceVersion test included.</summary>
internal sealed class FakeWebhookConfigurationClient : IWebhookConfigurationClient
{
    private int version = 1;

    public V1MutatingWebhookConfiguration? Stored { get; set; }

    public List<string> Patches { get; } = [];

    public int Reads { get; private set; }

    public Task<V1MutatingWebhookConfiguration?> ReadAsync(string name, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(Stored?.Metadata.Name == name ? KubernetesJson.Deserialize<V1MutatingWebhookConfiguration>(KubernetesJson.Serialize(Stored)) : null);
    }

    public Task PatchAsync(string name, string jsonPatch, CancellationToken ct)
    {
        Patches.Add(jsonPatch);
        var document = JsonNode.Parse(KubernetesJson.Serialize(Stored))!;
        var patched = global::Junction.ApiServer.Patching.JsonPatch.Apply(document, JsonNode.Parse(jsonPatch)!.AsArray());
        Stored = KubernetesJson.Deserialize<V1MutatingWebhookConfiguration>(patched.ToJsonString());
        Stored.Metadata.ResourceVersion = (++version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public static V1MutatingWebhookConfiguration Configuration(params byte[]?[] bundles) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "MutatingWebhookConfiguration",
        Metadata = new V1ObjectMeta { Name = InjectionNames.WebhookConfiguration, ResourceVersion = "1" },
        Webhooks = bundles.Select((b, i) => new V1MutatingWebhook
        {
            Name = $"sidecar-{i}.traffic.junction.dev",
            AdmissionReviewVersions = ["v1"],
            SideEffects = "None",
            ClientConfig = new Admissionregistrationv1WebhookClientConfig
            {
                CaBundle = b,
                Service = new Admissionregistrationv1ServiceReference { Name = "junction-webhook", NamespaceProperty = "junction-system", Path = "/inject", Port = 443 },
            },
        }).ToList(),
    };
}
