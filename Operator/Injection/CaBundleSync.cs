using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Injection;

/// <summary>
/// Keeps <c>webhooks[*].clientConfig.caBundle</c> of the injector's MutatingWebhookConfiguration
/// equal to Junction's trust bundle (the CA that signs the webhook's serving certificate, with the
/// other root during a CA rotation). Writes only the webhooks whose bundle differs, with a JSON
/// Patch that first tests the resourceVersion read, so a concurrent edit is never overwritten
/// blindly: the next check reads it again.
/// </summary>
internal sealed class CaBundleSync(IWebhookConfigurationClient client, string name)
{
    /// <summary>The configuration's name.</summary>
    public string Name => name;

    /// <summary>Checks the configuration once and writes <paramref name="bundlePem"/> where it differs.</summary>
    public async Task<CaBundleResult> SyncAsync(string bundlePem, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bundlePem);
        var configuration = await client.ReadAsync(name, ct).ConfigureAwait(false);
        if (configuration is null)
        {
            return CaBundleResult.ConfigurationMissing;
        }

        var want = Encoding.UTF8.GetBytes(bundlePem);
        var patch = new JsonArray { new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = configuration.Metadata?.ResourceVersion } };
        var webhooks = configuration.Webhooks ?? [];
        for (var i = 0; i < webhooks.Count; i++)
        {
            if (webhooks[i].ClientConfig?.CaBundle is { } have && have.AsSpan().SequenceEqual(want))
            {
                continue;
            }

            patch.Add(new JsonObject { ["op"] = "add", ["path"] = $"/webhooks/{i}/clientConfig/caBundle", ["value"] = Convert.ToBase64String(want) });
        }

        if (patch.Count == 1)
        {
            return CaBundleResult.Unchanged;
        }

        await client.PatchAsync(name, patch.ToJsonString(), ct).ConfigureAwait(false);
        return CaBundleResult.Written;
    }
}
