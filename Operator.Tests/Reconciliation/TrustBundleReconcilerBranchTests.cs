using Junction.Api.V1Alpha1;
using Junction.Mesh.Identity;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Tests.Reconciliation.Fakes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>One test per branch of the trust-bundle reconciler, over in-memory caches and recording writers.</summary>
public sealed class TrustBundleReconcilerBranchTests
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCaSecretStore secrets = new();
    private readonly InMemoryTrustBundleView view = new();
    private readonly RecordingConfigMapWriter writer;
    private readonly RecordingEventRecorder events = new();
    private readonly CaBootstrap ca;
    private readonly TrustBundleReconciler reconciler;

    public TrustBundleReconcilerBranchTests()
    {
        writer = new RecordingConfigMapWriter(view);
        ca = new CaBootstrap(secrets, "junction-system", new CertificateAuthorityOptions(), time, NullLogger<CaBootstrap>.Instance);
        reconciler = new TrustBundleReconciler(view, writer, ca, events, Resync, NullLogger<TrustBundleReconciler>.Instance);
    }

    [Fact]
    public async Task SidecarPolicyInNamespace_CreatesBundleWithTheCaRoot()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));

        var result = await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Equal(["create shop/junction-trust-bundle"], writer.Calls);
        var bundle = Assert.Single(writer.Written);
        Assert.Equal(ca.Current!.RootCertificatePem.TrimEnd() + "\n", bundle.Data[MeshIdentityNames.TrustBundleKey]);
        Assert.True(TrustBundleReconciler.IsOurs(bundle));
        Assert.NotNull(secrets.Get("junction-system", MeshIdentityNames.CaSecret));
    }

    [Fact]
    public async Task OnlyGatewayPolicies_WritesNothingAndCreatesNoCa()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Gateway));
        view.Policies.Add(Policy("other", ProxyModes.Sidecar));

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Empty(writer.Calls);
        Assert.Empty(secrets.Calls);
    }

    [Fact]
    public async Task InjectLabelledNamespaceWithoutPolicies_CreatesBundle()
    {
        view.Namespaces["legacy"] = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "legacy", Labels = new Dictionary<string, string> { [MeshIdentityNames.InjectLabel] = "enabled" } },
        };

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("legacy"), CancellationToken.None);

        Assert.Equal(["create legacy/junction-trust-bundle"], writer.Calls);
    }

    [Fact]
    public async Task InjectLabelDisabled_WritesNothing()
    {
        view.Namespaces["legacy"] = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "legacy", Labels = new Dictionary<string, string> { [MeshIdentityNames.InjectLabel] = "disabled" } },
        };

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("legacy"), CancellationToken.None);

        Assert.Empty(writer.Calls);
    }

    [Fact]
    public async Task ForeignConfigMapOfThatName_IsLeftAloneAndReported()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        var foreign = new V1ConfigMap
        {
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = MeshIdentityNames.TrustBundle, NamespaceProperty = "shop", Uid = "theirs", ResourceVersion = "7" },
            Data = new Dictionary<string, string> { ["ca.pem"] = "someone else's" },
        };
        view.ConfigMaps[("shop", MeshIdentityNames.TrustBundle)] = foreign;

        var result = await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Empty(writer.Calls);
        var reported = Assert.Single(events.Events);
        Assert.Equal(("ConfigMap shop/junction-trust-bundle", "Warning", "TrustBundleConflict"), (reported.Object, reported.Type, reported.Reason));
    }

    [Fact]
    public async Task ForeignConfigMapInUnmeshedNamespace_IsNotDeleted()
    {
        view.ConfigMaps[("shop", MeshIdentityNames.TrustBundle)] = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = MeshIdentityNames.TrustBundle, NamespaceProperty = "shop", Uid = "theirs" },
        };

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Empty(writer.Calls);
        Assert.Empty(events.Events);
    }

    [Fact]
    public async Task OurBundleIsStale_ReplacedAtItsResourceVersion()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);
        var stale = view.ConfigMaps[("shop", MeshIdentityNames.TrustBundle)];
        stale.Metadata.ResourceVersion = "41";
        stale.Data[MeshIdentityNames.TrustBundleKey] = "-----BEGIN CERTIFICATE-----\nold\n-----END CERTIFICATE-----\n";

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal(["create shop/junction-trust-bundle", "replace shop/junction-trust-bundle rv=41"], writer.Calls);
        Assert.Equal(ca.Current!.RootCertificatePem.TrimEnd() + "\n", writer.Written[^1].Data[MeshIdentityNames.TrustBundleKey]);
    }

    [Fact]
    public async Task CaSecretWithExtraRoot_BundleHoldsBothRoots()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        using var active = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        using var previous = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        secrets.Put(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = MeshIdentityNames.CaSecret, NamespaceProperty = "junction-system" },
            Data = new Dictionary<string, byte[]>
            {
                [MeshIdentityNames.CaCertificateKey] = System.Text.Encoding.UTF8.GetBytes(active.RootCertificatePem),
                [MeshIdentityNames.CaPrivateKeyKey] = System.Text.Encoding.UTF8.GetBytes(active.RootPrivateKeyPem),
                [MeshIdentityNames.CaExtraTrustKey] = System.Text.Encoding.UTF8.GetBytes(previous.RootCertificatePem),
            },
        });

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        var pem = Assert.Single(writer.Written).Data[MeshIdentityNames.TrustBundleKey];
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPem(pem);
        Assert.Equal(
            [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(active.RootCertificatePem).Thumbprint, System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(previous.RootCertificatePem).Thumbprint],
            roots.Select(r => r.Thumbprint).ToList());
    }

    [Fact]
    public async Task OurBundleHasAnExtraKey_ReplacedWithTheBundleOnly()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);
        view.ConfigMaps[("shop", MeshIdentityNames.TrustBundle)].Data["extra.pem"] = "x";

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal([MeshIdentityNames.TrustBundleKey], writer.Written[^1].Data.Keys);
    }

    [Fact]
    public async Task OurBundleUpToDate_WritesNothing()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal(["create shop/junction-trust-bundle"], writer.Calls);
    }

    [Fact]
    public async Task LastSidecarPolicyGone_DeletesOurBundleByUid()
    {
        var policy = Policy("shop", ProxyModes.Sidecar);
        view.Policies.Add(policy);
        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);
        var uid = view.ConfigMaps[("shop", MeshIdentityNames.TrustBundle)].Metadata.Uid;
        view.Policies.Remove(policy);

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal(["create shop/junction-trust-bundle", $"delete shop/junction-trust-bundle uid={uid}"], writer.Calls);
    }

    [Fact]
    public async Task SidecarPolicyBeingDeleted_DoesNotKeepTheBundle()
    {
        var policy = Policy("shop", ProxyModes.Sidecar);
        policy.Metadata.DeletionTimestamp = time.GetUtcNow().UtcDateTime;
        view.Policies.Add(policy);

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Empty(writer.Calls);
    }

    [Fact]
    public async Task CaRequestWithoutSecret_CreatesNoCaAndLooksAgainAfterTheResyncPeriod()
    {
        var result = await reconciler.ReconcileAsync(reconciler.CaRequest, CancellationToken.None);

        Assert.Equal(ReconcileResult.After(Resync), result);
        Assert.Equal(new ReconcileRequest("junction-system", "junction-ca"), reconciler.CaRequest);
        Assert.Null(ca.Current);
        Assert.Equal(["read junction-system/junction-ca"], secrets.Calls);
    }

    [Fact]
    public async Task CaRequestAfterSecretDeleted_RecreatesItWithTheCaInUse()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);
        var key = secrets.Get("junction-system", MeshIdentityNames.CaSecret)!.Data[MeshIdentityNames.CaPrivateKeyKey];
        secrets.Remove("junction-system", MeshIdentityNames.CaSecret);

        await reconciler.ReconcileAsync(reconciler.CaRequest, CancellationToken.None);

        Assert.Equal(key, secrets.Get("junction-system", MeshIdentityNames.CaSecret)!.Data[MeshIdentityNames.CaPrivateKeyKey]);
    }

    [Fact]
    public async Task CaSecretUnusable_BundleRequestFailsForRetryAndWritesNothing()
    {
        view.Policies.Add(Policy("shop", ProxyModes.Sidecar));
        secrets.Put(new V1Secret { Metadata = new V1ObjectMeta { Name = MeshIdentityNames.CaSecret, NamespaceProperty = "junction-system" } });

        await Assert.ThrowsAsync<InvalidOperationException>(() => reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None));

        Assert.Empty(writer.Calls);
    }

    private static TrafficPolicy Policy(string ns, string mode) =>
        ClusterFixture.Policy(ns, "p-" + mode.ToLowerInvariant(), p => p.Spec.Proxy!.Mode = mode);
}
