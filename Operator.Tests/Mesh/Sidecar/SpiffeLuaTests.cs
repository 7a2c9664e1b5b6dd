using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Junction.Mesh.Identity;
using Junction.Mesh.Sidecar;
using Junction.Tests.HAProxy;
using Junction.Tests.HAProxy.Traffic.Harness;
using Junction.Tests.Infrastructure;
using Junction.Tests.Mesh.Capture;
using Xunit;

namespace Junction.Tests.Mesh.Sidecar;

/// <summary>
/// lua.spiffe_id in the real haproxy 2.6: an mTLS listener reads the client's SPIFFE ID from its
/// certificate (HAProxy before 3.1 has no ssl_c_san).
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SpiffeLuaTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-spiffe-").FullName;
    private readonly CertificateAuthority ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);

    [SkippableFact]
    public async Task MtlsClient_WithWorkloadCertificate_IdentityIsItsSpiffeUri()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var client = ca.IssueWithNewKey(new WorkloadIdentity("cluster.local", "shop", "frontend"));

        var answer = await CallWith(client.Certificate.CertificatePem, client.PrivateKeyPem);

        Assert.Equal("peer=spiffe://cluster.local/ns/shop/sa/frontend cn=frontend.shop", answer);
    }

    [SkippableFact]
    public async Task MtlsClient_CertificateOfTheSameCaWithoutSpiffeUri_IdentityIsEmpty()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var (certificate, key) = SignedWithoutSpiffe();

        var answer = await CallWith(certificate, key);

        Assert.Equal("peer= cn=legacy.shop", answer);
    }

    public void Dispose()
    {
        ca.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private async Task<string> CallWith(string certificatePem, string keyPem)
    {
        var block = LoopbackBlock.Allocate();
        var server = ca.IssueWithNewKey(new WorkloadIdentity("cluster.local", "shop", "checkout"));
        var lua = Write("spiffe.lua", SidecarAssets.SpiffeLua);
        var caFile = Write("ca.pem", ca.RootCertificatePem);
        var tls = Write("tls.pem", server.HAProxyPem);
        var clientCert = Write("client.pem", certificatePem);
        var clientKey = Write("client.key", keyPem);
        var address = block.Proxy;
        var config = Write("haproxy.cfg", $$"""
            global
                lua-load {{lua}}
            defaults
                mode http
                timeout connect 1s
                timeout client 2s
                timeout server 2s
            frontend inbound_mtls
                bind {{address}}:15006 ssl crt {{tls}} ca-file {{caFile}} verify required
                http-request set-var(sess.peer) lua.spiffe_id unless { var(sess.peer) -m found }
                http-request return status 200 content-type text/plain lf-string "peer=%[var(sess.peer)] cn=%[ssl_c_s_dn(CN)]"

            """);
        using var proxy = HAProxyProcess.Run(config);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var (exit, output) = NetworkNamespace.Run("curl", "-s", "--max-time", "2", "-k", "--cert", clientCert, "--key", clientKey, $"https://{address}:15006/");
            if (exit == 0)
            {
                return output;
            }

            Assert.False(proxy.HasExited, "haproxy exited:\n" + proxy.Output);
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("the mTLS listener never answered:\n" + proxy.Output);
    }

    // A leaf of the same CA naming a DNS name only, as a non-mesh client of that CA would have.
    private (string Certificate, string Key) SignedWithoutSpiffe()
    {
        using var rootKey = ECDsa.Create();
        rootKey.ImportFromPem(ca.RootPrivateKeyPem);
        using var root = X509Certificate2.CreateFromPem(ca.RootCertificatePem);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=legacy.shop", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("legacy.shop.svc");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        using var leaf = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), now.AddMinutes(-5), now.AddHours(1), [0x42, 0x01, 0x02, 0x03]);
        return (leaf.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
