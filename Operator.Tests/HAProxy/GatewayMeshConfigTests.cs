using Junction.Mesh.Identity;
using Junction.Tests.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

/// <summary>
/// The config of meshed gateways (the gateway-mesh translation case: mTLS with and without
/// verifyhost, plaintext, Strict, Disabled) loads in the real haproxy, with identity files from
/// Junction's CA where the gateway pod mounts them; without those files it does not, so the check
/// really reads what the servers name.
/// </summary>
public sealed class GatewayMeshConfigTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-gwmesh-").FullName;

    [SkippableFact]
    public void MeshedGatewayConfig_WithIdentityFiles_LoadsInHAProxy()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var identity = Path.Combine(directory, "identity");
        Directory.CreateDirectory(identity);
        using var ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
        File.WriteAllText(Path.Combine(identity, "tls.pem"), ca.IssueWithNewKey(new WorkloadIdentity("cluster.local", "shop", "default")).HAProxyPem);
        File.WriteAllText(Path.Combine(identity, "ca.pem"), ca.RootCertificatePem);
        var config = Config(identity);
        Assert.Contains("verify required verifyhost checkout.shop", config, StringComparison.Ordinal);

        var (exit, output) = HAProxyProcess.Check(Write(config));

        Assert.True(exit == 0, output);
    }

    [SkippableFact]
    public void MeshedGatewayConfig_WithoutIdentityFiles_IsRefused()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");

        var (exit, output) = HAProxyProcess.Check(Write(Config(Path.Combine(directory, "missing"))));

        Assert.NotEqual(0, exit);
        Assert.Contains("missing/ca.pem", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Config(string identityDirectory)
    {
        var (_, yaml, _) = TestPaths.AllCases().Single(c => c.Name == "gateway-mesh");
        var config = TranslationCase.FromFile("gateway-mesh", yaml).Render().HAProxyConfig!;
        return config.Replace("/var/run/junction/identity/", identityDirectory + "/", StringComparison.Ordinal);
    }

    private string Write(string config)
    {
        var path = Path.Combine(directory, "haproxy.cfg");
        File.WriteAllText(path, config);
        return path;
    }
}
