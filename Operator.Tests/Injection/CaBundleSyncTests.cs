using System.Text;
using System.Text.Json.Nodes;
using Junction.Injection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Injection;

public sealed class CaBundleSyncTests
{
    private const string Bundle = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private readonly FakeWebhookConfigurationClient client = new();

    [Fact]
    public async Task Sync_EmptyAndStaleBundles_WritesBothWithResourceVersionTest()
    {
        client.Stored = FakeWebhookConfigurationClient.Configuration(null, Encoding.UTF8.GetBytes("old"));
        var sync = new CaBundleSync(client, InjectionNames.WebhookConfiguration);

        var result = await sync.SyncAsync(Bundle, CancellationToken.None);

        Assert.Equal(CaBundleResult.Written, result);
        var patch = JsonNode.Parse(Assert.Single(client.Patches))!.AsArray();
        Assert.Equal(("test", "/metadata/resourceVersion", "1"), (patch[0]!["op"]!.GetValue<string>(), patch[0]!["path"]!.GetValue<string>(), patch[0]!["value"]!.GetValue<string>()));
        Assert.Equal(["/webhooks/0/clientConfig/caBundle", "/webhooks/1/clientConfig/caBundle"], patch.Skip(1).Select(op => op!["path"]!.GetValue<string>()));
        Assert.All(client.Stored!.Webhooks, w => Assert.Equal(Bundle, Encoding.UTF8.GetString(w.ClientConfig.CaBundle)));
    }

    [Fact]
    public async Task Sync_BundleAlreadyCurrent_WritesNothing()
    {
        client.Stored = FakeWebhookConfigurationClient.Configuration(Encoding.UTF8.GetBytes(Bundle));
        var sync = new CaBundleSync(client, InjectionNames.WebhookConfiguration);

        Assert.Equal(CaBundleResult.Unchanged, await sync.SyncAsync(Bundle, CancellationToken.None));
        Assert.Empty(client.Patches);
    }

    [Fact]
    public async Task Sync_OnlyOneWebhookStale_PatchesOnlyThatOne()
    {
        client.Stored = FakeWebhookConfigurationClient.Configuration(Encoding.UTF8.GetBytes(Bundle), Encoding.UTF8.GetBytes("old"));
        var sync = new CaBundleSync(client, InjectionNames.WebhookConfiguration);

        await sync.SyncAsync(Bundle, CancellationToken.None);

        var patch = JsonNode.Parse(Assert.Single(client.Patches))!.AsArray();
        Assert.Equal(["/metadata/resourceVersion", "/webhooks/1/clientConfig/caBundle"], patch.Select(op => op!["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sync_ConfigurationAbsent_ReportsMissingAndWritesNothing()
    {
        var sync = new CaBundleSync(client, InjectionNames.WebhookConfiguration);

        Assert.Equal(CaBundleResult.ConfigurationMissing, await sync.SyncAsync(Bundle, CancellationToken.None));
        Assert.Empty(client.Patches);
    }

    [Fact]
    public async Task Keeper_NotLeader_ReadsNothing()
    {
        client.Stored = FakeWebhookConfigurationClient.Configuration((byte[]?)null);
        var keeper = new CaBundleKeeper(new CaBundleSync(client, InjectionNames.WebhookConfiguration), () => Bundle, () => false, TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger<CaBundleKeeper>.Instance);

        await keeper.CheckAsync(CancellationToken.None);

        Assert.Equal(0, client.Reads);
    }

    [Fact]
    public async Task Keeper_BundleRevertedBySomeoneElse_PutBackWithinThePeriod()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        client.Stored = FakeWebhookConfigurationClient.Configuration((byte[]?)null);
        var keeper = new CaBundleKeeper(new CaBundleSync(client, InjectionNames.WebhookConfiguration), () => Bundle, () => true, TimeSpan.FromMinutes(1), time, NullLogger<CaBundleKeeper>.Instance);
        using var stop = new CancellationTokenSource();
        var running = keeper.RunAsync(stop.Token);
        await Eventually.True(() => client.Patches.Count == 1, "first write", TimeSpan.FromSeconds(10));

        // An Argo CD sync without ignoreDifferences puts the empty caBundle of the manifest back.
        client.Stored!.Webhooks[0].ClientConfig.CaBundle = null;
        await Eventually.True(() => { time.Advance(TimeSpan.FromSeconds(61)); return client.Patches.Count == 2; }, "second write", TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        await running;
        Assert.Equal(Bundle, Encoding.UTF8.GetString(client.Stored!.Webhooks[0].ClientConfig.CaBundle));
    }

    [Fact]
    public async Task Keeper_Poked_ChecksAtOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var bundle = Bundle;
        client.Stored = FakeWebhookConfigurationClient.Configuration(Encoding.UTF8.GetBytes(Bundle));
        var keeper = new CaBundleKeeper(new CaBundleSync(client, InjectionNames.WebhookConfiguration), () => bundle, () => true, TimeSpan.FromHours(1), time, NullLogger<CaBundleKeeper>.Instance);
        using var stop = new CancellationTokenSource();
        var running = keeper.RunAsync(stop.Token);
        await Eventually.True(() => client.Reads >= 1, "first check", TimeSpan.FromSeconds(10));

        bundle = Bundle + "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n";
        keeper.Poke();
        await Eventually.True(() => client.Patches.Count == 1, "write after the poke", TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        await running;
        Assert.Equal(bundle, Encoding.UTF8.GetString(client.Stored!.Webhooks[0].ClientConfig.CaBundle));
    }
}
