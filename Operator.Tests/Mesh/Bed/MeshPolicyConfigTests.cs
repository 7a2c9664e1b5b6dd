using Junction.Cli;
using Junction.Mesh.Identity;
using Junction.Tests.HAProxy;
using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>Every mesh test policy, rendered with render --sidecar for every meshed pod of the bed, loads in haproxy -c.</summary>
[Trait("Category", "Mesh")]
public sealed class MeshPolicyConfigTests
{
    public static TheoryData<string> PolicyFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in MeshFiles.Policies)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(PolicyFiles))]
    public async Task RenderedBundle_ForEveryMeshedPod_LoadsInHAProxy(string policy)
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var workloads = BedWorkloads.Load(MeshFiles.Workloads);
        using var authority = CertificateAuthority.Create(new CertificateAuthorityOptions(), TimeProvider.System);
        var root = Directory.CreateTempSubdirectory("junction-mesh-config-").FullName;
        try
        {
            foreach (var pod in workloads.Pods.Where(BedWorkloads.IsMeshed))
            {
                var podRoot = Path.Combine(root, pod.Metadata.Name);
                var identity = Path.Combine(podRoot, "var/run/junction/identity");
                Directory.CreateDirectory(identity);
                var issued = authority.IssueWithNewKey(new WorkloadIdentity("cluster.local", BedWorkloads.NamespaceOf(pod), BedWorkloads.ServiceAccount(pod)));
                await File.WriteAllTextAsync(Path.Combine(identity, "tls.pem"), issued.HAProxyPem);
                await File.WriteAllTextAsync(Path.Combine(identity, "ca.pem"), authority.RootCertificatePem);
                var bundle = Path.Combine(podRoot, "etc/junction/proxy");
                using var output = new StringWriter();
                using var error = new StringWriter();
                var labels = string.Join(',', BedWorkloads.Labels(pod).Select(l => $"{l.Key}={l.Value}"));
                var exit = await CommandDispatcher.RunAsync(
                    ["render", "-f", MeshFiles.Workloads, "-f", MeshFiles.Policy(policy), "--sidecar", $"{BedWorkloads.NamespaceOf(pod)}/{BedWorkloads.ServiceAccount(pod)}",
                        "--pod-labels", labels, "--output-dir", bundle, "--root", podRoot, "--nameserver", "10.77.0.1:53"],
                    new CliConsole(TextReader.Null, output, error),
                    CancellationToken.None);
                Assert.True(exit == 0, $"render for {pod.Metadata.Name} exited {exit}: {error}");

                var (code, text) = HAProxyProcess.Check(Path.Combine(bundle, "haproxy.cfg"));
                Assert.True(code == 0, $"{policy} for {pod.Metadata.Name}: haproxy -c exited {code}:\n{text}");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
