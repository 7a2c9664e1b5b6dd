using System.Text;
using Junction.Mesh.Identity;
using Junction.Reconciliation;
using Junction.Tests.Reconciliation.Fakes;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>The CA Secret's life: created once, reused, never overwritten, one CA even when two replicas race.</summary>
public sealed class CaBootstrapTests
{
    private const string Ns = "junction-system";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCaSecretStore store = new();
    private readonly RecordingLogger<CaBootstrap> log = new();

    [Fact]
    public async Task FirstStart_CreatesOpaqueSecretWithTheCaInUse()
    {
        var bootstrap = Bootstrap();

        var ca = await bootstrap.GetAsync(CancellationToken.None);

        var secret = Assert.IsType<V1Secret>(store.Get(Ns, MeshIdentityNames.CaSecret));
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal(ca.RootCertificatePem, Encoding.UTF8.GetString(secret.Data[MeshIdentityNames.CaCertificateKey]));
        Assert.Equal(ca.RootPrivateKeyPem, Encoding.UTF8.GetString(secret.Data[MeshIdentityNames.CaPrivateKeyKey]));
        Assert.Equal("junction", secret.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Same(ca, bootstrap.Current);
    }

    [Fact]
    public async Task NoSecretAndNoNeedYet_RefreshWritesNothing()
    {
        var bootstrap = Bootstrap();

        var ca = await bootstrap.RefreshAsync(createIfAbsent: false, CancellationToken.None);

        Assert.Null(ca);
        Assert.Null(bootstrap.Current);
        Assert.Equal(["read junction-system/junction-ca"], store.Calls);
    }

    [Fact]
    public async Task SecretExists_LoadsItAndCreatesNothing()
    {
        using var existing = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        store.Put(SecretOf(existing));

        var ca = await Bootstrap().GetAsync(CancellationToken.None);

        Assert.Equal(existing.RootCertificatePem, ca.RootCertificatePem);
        Assert.DoesNotContain(store.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherReplicaCreatesFirst_LoserUsesTheWinnersCa()
    {
        using var winner = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        store.BeforeCreate = () => store.Put(SecretOf(winner));
        var bootstrap = Bootstrap();

        var ca = await bootstrap.GetAsync(CancellationToken.None);

        Assert.Equal(winner.RootCertificatePem, ca.RootCertificatePem);
        Assert.Equal(winner.RootCertificatePem, Encoding.UTF8.GetString(store.Get(Ns, MeshIdentityNames.CaSecret)!.Data[MeshIdentityNames.CaCertificateKey]));
        Assert.Equal(["read junction-system/junction-ca", "create junction-system/junction-ca", "read junction-system/junction-ca"], store.Calls);
    }

    [Fact]
    public async Task SecretWithoutCaKeys_IsReportedAndLeftAlone()
    {
        var foreign = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = MeshIdentityNames.CaSecret, NamespaceProperty = Ns },
            Data = new Dictionary<string, byte[]> { ["tls.crt"] = [1, 2, 3] },
        };
        store.Put(foreign);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Bootstrap().GetAsync(CancellationToken.None));

        Assert.Contains("does not overwrite", error.Message, StringComparison.Ordinal);
        Assert.Same(foreign, store.Get(Ns, MeshIdentityNames.CaSecret));
        Assert.DoesNotContain(store.Calls, c => c.StartsWith("create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretWithKeyOfAnotherCertificate_IsRefused()
    {
        using var one = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        using var other = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        var mixed = SecretOf(one);
        mixed.Data[MeshIdentityNames.CaPrivateKeyKey] = Encoding.UTF8.GetBytes(other.RootPrivateKeyPem);
        store.Put(mixed);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Bootstrap().GetAsync(CancellationToken.None));

        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretDeletedWhileRunning_IsRecreatedWithTheSameCa()
    {
        var bootstrap = Bootstrap();
        var first = await bootstrap.GetAsync(CancellationToken.None);
        store.Remove(Ns, MeshIdentityNames.CaSecret);

        var again = await bootstrap.RefreshAsync(createIfAbsent: false, CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal(first.RootPrivateKeyPem, Encoding.UTF8.GetString(store.Get(Ns, MeshIdentityNames.CaSecret)!.Data[MeshIdentityNames.CaPrivateKeyKey]));
    }

    [Fact]
    public async Task SecretReplacedByAnotherCa_IsAdoptedAndAnnounced()
    {
        var bootstrap = Bootstrap();
        await bootstrap.GetAsync(CancellationToken.None);
        var changes = 0;
        bootstrap.Changed += () => changes++;
        using var replacement = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        store.Put(SecretOf(replacement));

        var ca = await bootstrap.RefreshAsync(createIfAbsent: false, CancellationToken.None);
        await bootstrap.RefreshAsync(createIfAbsent: false, CancellationToken.None);

        Assert.Equal(replacement.RootCertificatePem, ca!.RootCertificatePem);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task SecretWithExtraRoot_BundleTrustsBothRootsAndChangesAnnounce()
    {
        using var current = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        using var previous = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        store.Put(SecretOf(current));
        var bootstrap = Bootstrap();
        await bootstrap.GetAsync(CancellationToken.None);
        Assert.Equal(current.RootCertificatePem.TrimEnd() + "\n", bootstrap.TrustBundlePem);
        var changes = 0;
        bootstrap.Changed += () => changes++;

        var rotating = SecretOf(current);
        rotating.Data[MeshIdentityNames.CaExtraTrustKey] = Encoding.UTF8.GetBytes(previous.RootCertificatePem);
        store.Put(rotating);
        await bootstrap.RefreshAsync(createIfAbsent: false, CancellationToken.None);

        Assert.Equal(current.RootCertificatePem.TrimEnd() + "\n" + previous.RootCertificatePem.TrimEnd() + "\n", bootstrap.TrustBundlePem);
        Assert.Equal(1, changes);
        Assert.Equal(current.RootCertificatePem, bootstrap.Current!.RootCertificatePem);

        store.Put(SecretOf(current));
        await bootstrap.RefreshAsync(createIfAbsent: false, CancellationToken.None);

        Assert.Equal(current.RootCertificatePem.TrimEnd() + "\n", bootstrap.TrustBundlePem);
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task ExtraTrustThatIsNoCa_IsRefused()
    {
        using var ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), time);
        var leaf = ca.IssueWithNewKey(new WorkloadIdentity("cluster.local", "shop", "api"));
        var secret = SecretOf(ca);
        secret.Data[MeshIdentityNames.CaExtraTrustKey] = Encoding.UTF8.GetBytes(leaf.Certificate.CertificatePem);
        store.Put(secret);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Bootstrap().GetAsync(CancellationToken.None));

        Assert.Contains("CA certificates only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAndLoad_NeverLogTheKey()
    {
        var created = await Bootstrap().GetAsync(CancellationToken.None);
        await Bootstrap().GetAsync(CancellationToken.None);

        var key = created.RootPrivateKeyPem;
        var keyBody = key.Split('\n')[1];
        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines, line =>
        {
            Assert.DoesNotContain("PRIVATE KEY", line, StringComparison.Ordinal);
            Assert.DoesNotContain(keyBody, line, StringComparison.Ordinal);
        });
        Assert.Contains(log.Lines, l => l.Contains("Created CA", StringComparison.Ordinal) && l.Contains(CaBootstrap.Fingerprint(created), StringComparison.Ordinal));
    }

    private CaBootstrap Bootstrap() => new(store, Ns, new CertificateAuthorityOptions(), time, log);

    private static V1Secret SecretOf(CertificateAuthority ca) => new()
    {
        Metadata = new V1ObjectMeta { Name = MeshIdentityNames.CaSecret, NamespaceProperty = Ns },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]>
        {
            [MeshIdentityNames.CaCertificateKey] = Encoding.UTF8.GetBytes(ca.RootCertificatePem),
            [MeshIdentityNames.CaPrivateKeyKey] = Encoding.UTF8.GetBytes(ca.RootPrivateKeyPem),
        },
    };
}
