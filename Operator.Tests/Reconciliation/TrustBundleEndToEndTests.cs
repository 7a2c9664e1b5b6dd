using System.Text;
using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>The CA Secret and the trust bundles with real operators against the in-memory API server.</summary>
public sealed class TrustBundleEndToEndTests
{
    private const string JunctionNs = "junction-system";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SidecarPolicy_NamespaceGetsTheCaBundleAndLosesItWithThePolicy()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await cluster.Fixture.EnsureNamespaceAsync(JunctionNs, cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);

        await CreateSidecarPolicyAsync(cluster, "mesh", cancel.Token);
        await cluster.Fixture.CreatePolicyWithBackendAsync("edge", "web", cancel.Token);

        var bundle = await WaitForBundleAsync(cluster, "mesh", cancel.Token);
        var secret = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(MeshIdentityNames.CaSecret, JunctionNs, cancellationToken: cancel.Token);
        Assert.Equal(Encoding.UTF8.GetString(secret.Data[MeshIdentityNames.CaCertificateKey]).TrimEnd(), bundle.Data[MeshIdentityNames.TrustBundleKey].TrimEnd());
        Assert.Contains("BEGIN CERTIFICATE", bundle.Data[MeshIdentityNames.TrustBundleKey], StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", bundle.Data[MeshIdentityNames.TrustBundleKey], StringComparison.Ordinal);
        await cluster.Fixture.WaitForConditionAsync("edge", "web", "Programmed", "True", cancel.Token);
        Assert.False(await cluster.Fixture.ExistsAsync(() => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(MeshIdentityNames.TrustBundle, "edge", cancellationToken: cancel.Token)));

        await cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(TrafficPolicy.Group, TrafficPolicy.Version, "mesh", TrafficPolicy.Plural, "api", cancellationToken: cancel.Token);

        await cluster.Fixture.WaitUntilAsync(
            async c => !await cluster.Fixture.ExistsAsync(() => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(MeshIdentityNames.TrustBundle, "mesh", cancellationToken: c)),
            cancel.Token);
    }

    [Fact]
    public async Task InjectLabelledNamespace_GetsTheBundle()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await cluster.Fixture.EnsureNamespaceAsync(JunctionNs, cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);

        await cluster.Client.CoreV1.CreateNamespaceAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = "legacy", Labels = new Dictionary<string, string> { [MeshIdentityNames.InjectLabel] = "enabled" } } },
            cancellationToken: cancel.Token);

        var bundle = await WaitForBundleAsync(cluster, "legacy", cancel.Token);
        Assert.Equal(op.Host.CertificateAuthority.Current!.RootCertificatePem.TrimEnd(), bundle.Data[MeshIdentityNames.TrustBundleKey].TrimEnd());
    }

    [Fact]
    public async Task Restart_KeepsTheSameCa()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await cluster.Fixture.EnsureNamespaceAsync(JunctionNs, cancel.Token);
        await CreateSidecarPolicyAsync(cluster, "first", cancel.Token);
        string before;
        await using (var op = await cluster.StartOperatorAsync(cancel.Token))
        {
            before = (await WaitForBundleAsync(cluster, "first", cancel.Token)).Data[MeshIdentityNames.TrustBundleKey];
            await op.StopAsync();
        }

        var secretBefore = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(MeshIdentityNames.CaSecret, JunctionNs, cancellationToken: cancel.Token);
        await using var restarted = await cluster.StartOperatorAsync(cancel.Token);
        await CreateSidecarPolicyAsync(cluster, "second", cancel.Token);

        var after = (await WaitForBundleAsync(cluster, "second", cancel.Token)).Data[MeshIdentityNames.TrustBundleKey];
        var secretAfter = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(MeshIdentityNames.CaSecret, JunctionNs, cancellationToken: cancel.Token);
        Assert.Equal(before, after);
        Assert.Equal(secretBefore.Metadata.Uid, secretAfter.Metadata.Uid);
        Assert.Equal(secretBefore.Data[MeshIdentityNames.CaPrivateKeyKey], secretAfter.Data[MeshIdentityNames.CaPrivateKeyKey]);
        Assert.Equal(before.TrimEnd(), restarted.Host.CertificateAuthority.Current!.RootCertificatePem.TrimEnd());
    }

    [Fact]
    public async Task TwoOperatorsStartingTogether_EndWithOneCa()
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await cluster.Fixture.EnsureNamespaceAsync(JunctionNs, cancel.Token);
        await CreateSidecarPolicyAsync(cluster, "mesh", cancel.Token);

        var starting = await Task.WhenAll(cluster.StartOperatorAsync(cancel.Token), cluster.StartOperatorAsync(cancel.Token));
        await using var a = starting[0];
        await using var b = starting[1];

        await cluster.Fixture.WaitUntilAsync(c => Task.FromResult(a.Host.CertificateAuthority.Current is not null && b.Host.CertificateAuthority.Current is not null), cancel.Token);
        var secret = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(MeshIdentityNames.CaSecret, JunctionNs, cancellationToken: cancel.Token);
        var stored = Encoding.UTF8.GetString(secret.Data[MeshIdentityNames.CaCertificateKey]);
        Assert.Equal(stored, a.Host.CertificateAuthority.Current!.RootCertificatePem);
        Assert.Equal(stored, b.Host.CertificateAuthority.Current!.RootCertificatePem);
        Assert.Equal(stored.TrimEnd(), (await WaitForBundleAsync(cluster, "mesh", cancel.Token)).Data[MeshIdentityNames.TrustBundleKey].TrimEnd());
    }

    private static async Task CreateSidecarPolicyAsync(LocalCluster cluster, string ns, CancellationToken ct)
    {
        await cluster.Fixture.EnsureNamespaceAsync(ns, ct);
        await cluster.Fixture.CreateServiceAsync(ns, "api", 8080, ct);
        await cluster.Fixture.CreatePolicyAsync(ClusterFixture.Policy(ns, "api", p => p.Spec.Proxy!.Mode = ProxyModes.Sidecar), ct);
    }

    private static Task<V1ConfigMap> WaitForBundleAsync(LocalCluster cluster, string ns, CancellationToken ct) =>
        cluster.Fixture.WaitForAsync(c => cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(MeshIdentityNames.TrustBundle, ns, cancellationToken: c), ct)!;
}
