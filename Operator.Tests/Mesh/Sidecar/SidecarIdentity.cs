using Junction.Mesh.Identity;

namespace Junction.Tests.Mesh.Sidecar;

/// <summary>Writes a workload's identity files (tls.pem, ca.pem) under a bundle root, from a fresh CA.</summary>
internal static class SidecarIdentity
{
    public static void Write(string root, string workload)
    {
        var parts = workload.Split('/');
        using var ca = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
        var leaf = ca.IssueWithNewKey(new WorkloadIdentity("cluster.local", parts[0], parts[1]));
        var identity = Path.Combine(root, "var", "run", "junction", "identity");
        Directory.CreateDirectory(identity);
        File.WriteAllText(Path.Combine(identity, "tls.pem"), leaf.HAProxyPem);
        File.WriteAllText(Path.Combine(identity, "ca.pem"), ca.RootCertificatePem);
    }
}
