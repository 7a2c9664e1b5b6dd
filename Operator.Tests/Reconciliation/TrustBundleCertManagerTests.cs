using Junction.Api.V1Alpha1;
using Junction.Mesh.Identity;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Tests.Reconciliation.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>The trust-bundle reconciler when cert-manager issues the identities: the bundle is the issuer's CA, never Junction's.</summary>
public sealed class TrustBundleCertManagerTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCaSecretStore secrets = new();
    private readonly InMemoryTrustBundleView view = new();
    private readonly RecordingConfigMapWriter writer;
    private readonly CaBootstrap ca;
    private readonly CertificateAuthority issuerCa;

    public TrustBundleCertManagerTests()
    {
        writer = new RecordingConfigMapWriter(view);
        ca = new CaBootstrap(secrets, "junction-system", new CertificateAuthorityOptions(), time, NullLogger<CaBootstrap>.Instance);
        issuerCa = CertificateAuthority.Create(new CertificateAuthorityOptions(), time); // stands for cert-manager's CA
        view.Policies.Add(ClusterFixture.Policy("shop", "p-sidecar", p => p.Spec.Proxy!.Mode = ProxyModes.Sidecar));
    }

    [Fact]
    public async Task BundleNotKnownYet_PublishesNothingAndCreatesNoJunctionCa()
    {
        var reconciler = Reconciler(new CertManagerTrustBundle(null, null, time));

        var result = await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Empty(writer.Calls);
        Assert.Empty(secrets.Calls);
    }

    [Fact]
    public async Task BundleFromTheCaSecret_IsPublishedInsteadOfJunctionsCa()
    {
        var reconciler = Reconciler(new CertManagerTrustBundle("cert-manager/mesh-ca", _ => Task.FromResult<string?>(issuerCa.RootCertificatePem), time));

        await reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None);

        var bundle = Assert.Single(writer.Written);
        Assert.Equal(issuerCa.RootCertificatePem.TrimEnd() + "\n", bundle.Data[MeshIdentityNames.TrustBundleKey]);
        Assert.Empty(secrets.Calls);
    }

    [Fact]
    public async Task CaSecretWithoutCaCrt_FailsTheReconcileNamingTheSecret()
    {
        var reconciler = Reconciler(new CertManagerTrustBundle("cert-manager/mesh-ca", _ => Task.FromResult<string?>(null), time));

        var error = await Assert.ThrowsAsync<CertificateIssuanceException>(() => reconciler.ReconcileAsync(TrustBundleReconciler.BundleRequest("shop"), CancellationToken.None));

        Assert.Contains("Secret cert-manager/mesh-ca (--cert-manager-ca-secret) has no key ca.crt", error.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Calls);
    }

    public void Dispose() => issuerCa.Dispose();

    private TrustBundleReconciler Reconciler(ITrustBundleSource source) =>
        new(view, writer, ca, new RecordingEventRecorder(), TimeSpan.FromMinutes(10), NullLogger<TrustBundleReconciler>.Instance, source);
}
