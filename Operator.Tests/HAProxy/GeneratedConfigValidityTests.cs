using Junction.HAProxy;
using Junction.Tests.Translation;
using Junction.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

/// <summary>
/// Every generated config (samples and translation cases) must pass the real haproxy -c without a
/// warning, save one: the server state file is written only before a reload, so at a pod's first
/// start it does not exist yet and haproxy says so (and starts every server from DNS).
/// </summary>
public sealed class GeneratedConfigValidityTests
{
    /// <summary>Cases that produce a config (mode None and Sidecar produce none).</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in TestPaths.AllCases().Where(c => TranslationCase.FromFile(c.Name, c.Yaml).Render().HAProxyConfig is not null))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void HAProxyCheck_GeneratedConfig_IsValidWithoutWarnings(string name)
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var (_, yaml, _) = TestPaths.AllCases().Single(c => c.Name == name);
        var translation = TranslationCase.FromFile(name, yaml);
        var config = translation.Render().HAProxyConfig!;

        // The config loads its Lua from its own directory, as in the pod (ConfigMap files side by side).
        var directory = Path.Combine(Path.GetTempPath(), $"junction-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "haproxy.cfg");
        File.WriteAllText(path, WithIdentityFiles(config, directory));
        foreach (var (file, text) in HAProxyAssets.Files(translation.Translate().Select(r => r.Fragment)))
        {
            File.WriteAllText(Path.Combine(directory, file), text);
        }

        try
        {
            var (exitCode, output) = HAProxyProcess.Check(path);
            Assert.True(exitCode == 0, $"haproxy -c rejected {name}:\n{output}");
            Assert.Empty(Warnings(output));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public void HAProxyCheck_ServerStateFileMissing_WarnsOnlyAboutItAndPasses()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var (name, yaml, _) = TestPaths.AllCases().Single(c => c.Name == "sample-canary-split");
        var fragments = TranslationCase.FromFile(name, yaml).Translate().Select(r => r.Fragment).ToList();
        var directory = Path.Combine(Path.GetTempPath(), $"junction-state-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var state = Path.Combine(directory, "server-state");
        var path = Path.Combine(directory, "haproxy.cfg");
        var options = PolicyTranslator.GlobalOptions(TranslatorOptions.Default) with { ServerStateFile = state };
        File.WriteAllText(path, HAProxyConfigWriter.Write(fragments, options));
        try
        {
            var (missingExit, missingOutput) = HAProxyProcess.Check(path);
            Assert.True(missingExit == 0, $"haproxy -c rejected the config without a state file:\n{missingOutput}");
            Assert.Contains(state, missingOutput, StringComparison.Ordinal);

            // What a config watcher saves from a worker without servers: the version and the header.
            File.WriteAllText(state, "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n");
            var (exit, output) = HAProxyProcess.Check(path);
            Assert.True(exit == 0, $"haproxy -c rejected the config with a state file:\n{output}");
            Assert.DoesNotContain("[WARNING]", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Every warning except haproxy's note that the server state file is not there yet.
    // A meshed gateway loads its identity from where its pod mounts the identity Secret: give it
    // files from Junction's CA in the test's directory, as the operator would issue them.
    private static string WithIdentityFiles(string config, string directory)
    {
        const string mounted = "/var/run/junction/identity/";
        if (!config.Contains(mounted, StringComparison.Ordinal))
        {
            return config;
        }

        var identity = Path.Combine(directory, "identity");
        Directory.CreateDirectory(identity);
        using var ca = Junction.Mesh.Identity.CertificateAuthority.Create(new Junction.Mesh.Identity.CertificateAuthorityOptions(), TimeProvider.System);
        File.WriteAllText(Path.Combine(identity, "tls.pem"), ca.IssueWithNewKey(new Junction.Mesh.Identity.WorkloadIdentity("cluster.local", "shop", "default")).HAProxyPem);
        File.WriteAllText(Path.Combine(identity, "ca.pem"), ca.RootCertificatePem);
        return config.Replace(mounted, identity + "/", StringComparison.Ordinal);
    }

    private static List<string> Warnings(string output) => output
        .Split('\n')
        .Where(l => l.Contains("[WARNING]", StringComparison.Ordinal))
        .Where(l => !l.Contains("Can't open global server state file", StringComparison.Ordinal))
        .ToList();
}
