using Junction.Cli;
using Junction.Mesh.Identity;
using Xunit;

namespace Junction.Tests.Cli;

public sealed class RunArgumentsTests
{
    [Fact]
    public void Parse_AllFlags_AreRead()
    {
        var parsed = RunArguments.Parse(
        [
            "--local", "--kubeconfig", "/tmp/k", "--workers=8", "--leader-elect=false", "--namespace", "shop",
            "--metrics-bind-address", ":9090", "--health-probe-bind-address", "127.0.0.1:9091", "--proxy-image", "haproxy:3.1",
            "--samples", "examples", "--no-samples",
        ]);

        Assert.Equal(
            (true, "/tmp/k", 8, (bool?)false, "shop", ":9090", "127.0.0.1:9091", "haproxy:3.1", "examples", true),
            (parsed.Local, parsed.Kubeconfig, parsed.Workers, parsed.LeaderElect, parsed.Namespace, parsed.MetricsBindAddress,
                parsed.HealthProbeBindAddress, parsed.ProxyImage, parsed.SamplesDirectory, parsed.NoSamples));
    }

    [Fact]
    public void Parse_NoConfigDelivery_AgentInClusterRolloutLocally()
    {
        var parsed = RunArguments.Parse([]);

        Assert.Equal(Junction.Translation.ConfigDelivery.Agent, RunCommandOptions.ForCluster(parsed, inCluster: true).ConfigDelivery);
        Assert.Equal(Junction.Translation.ConfigDelivery.Rollout, RunCommandOptions.ForLocal(parsed).ConfigDelivery);
    }

    [Fact]
    public void Parse_ConfigDeliveryAndAgentImage_ReachTheOperatorOptions()
    {
        var parsed = RunArguments.Parse(["--config-delivery=rollout", "--agent-image", "registry.example.com/junction:1.2"]);

        var options = RunCommandOptions.ForCluster(parsed, inCluster: false);
        Assert.Equal((Junction.Translation.ConfigDelivery.Rollout, "registry.example.com/junction:1.2"), (options.ConfigDelivery, options.AgentImage));
        Assert.Equal(Junction.Translation.ConfigDelivery.Agent, RunCommandOptions.ForLocal(RunArguments.Parse(["--config-delivery", "agent"])).ConfigDelivery);
    }

    [Fact]
    public void Parse_UnknownConfigDelivery_IsRefusedNamingTheChoices()
    {
        var error = Assert.Throws<UsageException>(() => RunArguments.Parse(["--config-delivery", "push"]));

        Assert.Equal("--config-delivery must be agent or rollout, not \"push\"", error.Message);
    }

    [Fact]
    public void Parse_AllowedProxyRegistries_SplitsAtCommasIntoTheOperatorsValidation()
    {
        var parsed = RunArguments.Parse(["--allowed-proxy-registries", "registry.example.com/mirror, localhost:5000"]);

        Assert.Equal(["registry.example.com/mirror", "localhost:5000"], parsed.AllowedProxyRegistries);
        Assert.Equal(["registry.example.com/mirror", "localhost:5000"], RunCommandOptions.ForLocal(parsed).Validation.AllowedProxyRegistries.ToArray());
        Assert.Equal(["docker.io/library"], RunCommandOptions.ForLocal(RunArguments.Parse([])).Validation.AllowedProxyRegistries.ToArray());
    }

    [Theory]
    [InlineData("docker.io/library/haproxy:3")]
    [InlineData(",")]
    [InlineData("quay.io/x@sha256")]
    public void Parse_AllowedProxyRegistryWithTagOrEmpty_IsRefused(string value)
    {
        var error = Assert.Throws<UsageException>(() => RunArguments.Parse(["--allowed-proxy-registries", value]));

        Assert.StartsWith("--allowed-proxy-registries must be a comma-separated list of registry prefixes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCluster_LeaseNamespace_FlagThenOwnNamespaceThenKubeconfigThenDefault()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "ops\n");
            var none = RunArguments.Parse([]);

            Assert.Equal("elect", RunCommandOptions.ForCluster(RunArguments.Parse(["--leader-election-namespace", "elect"]), true, "team", file).LeaseNamespace);
            Assert.Equal("ops", RunCommandOptions.ForCluster(none, inCluster: true, "team", file).LeaseNamespace);
            Assert.Equal("team", RunCommandOptions.ForCluster(none, inCluster: false, "team", file).LeaseNamespace);
            Assert.Equal("team", RunCommandOptions.ForCluster(none, inCluster: true, "team", file + ".missing").LeaseNamespace);
            Assert.Equal("default", RunCommandOptions.ForCluster(none, inCluster: false, null, file).LeaseNamespace);
            Assert.Equal("default", RunCommandOptions.ForLocal(none).LeaseNamespace);
            Assert.Equal("elect", RunCommandOptions.ForLocal(RunArguments.Parse(["--leader-election-namespace=elect"])).LeaseNamespace);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_BareLeaderElect_MeansTrue()
    {
        Assert.True(RunArguments.Parse(["--leader-elect"]).LeaderElect);
        Assert.Null(RunArguments.Parse([]).LeaderElect);
    }

    [Theory]
    [InlineData("--workers", "0", "--workers must be a positive whole number, not \"0\"")]
    [InlineData("--leader-elect=yes", null, "--leader-elect must be true or false, not \"yes\"")]
    [InlineData("--wrokers", "2", "unknown flag \"--wrokers\"; run 'junction run --help'")]
    public void Parse_BadInput_NamesTheFlag(string flag, string? value, string message)
    {
        string[] args = value is null ? [flag] : [flag, value];

        Assert.Equal(message, Assert.Throws<UsageException>(() => RunArguments.Parse(args)).Message);
    }

    [Fact]
    public void ForCluster_InCluster_LeaderElectionOnByDefault()
    {
        Assert.True(RunCommandOptions.ForCluster(RunArguments.Parse([]), inCluster: true).LeaderElect);
        Assert.False(RunCommandOptions.ForCluster(RunArguments.Parse([]), inCluster: false).LeaderElect);
        Assert.False(RunCommandOptions.ForCluster(RunArguments.Parse(["--leader-elect=false"]), inCluster: true).LeaderElect);
        Assert.Equal("junction-leader", RunCommandOptions.ForCluster(RunArguments.Parse([]), inCluster: true).LeaseName);
    }

    [Fact]
    public void Parse_CertManagerFlags_ReachTheOperatorsOptions()
    {
        var args = RunArguments.Parse(["--identity-issuer", "cert-manager", "--cert-manager-issuer=ClusterIssuer/mesh-ca", "--cert-manager-ca-secret", "cert-manager/mesh-ca"]);

        var options = RunCommandOptions.ForCluster(args, inCluster: false);

        Assert.Equal(IdentityIssuerKind.CertManager, options.IdentityIssuer);
        Assert.Equal(new CertManagerIssuerReference("ClusterIssuer", "mesh-ca"), options.CertManagerIssuer);
        Assert.Equal("cert-manager/mesh-ca", options.CertManagerCaSecret);
        Assert.Equal(IdentityIssuerKind.Junction, RunCommandOptions.ForLocal(RunArguments.Parse([])).IdentityIssuer);
    }

    [Theory]
    [InlineData(new[] { "--identity-issuer", "vault" }, "--identity-issuer must be junction or cert-manager, not \"vault\"")]
    [InlineData(new[] { "--identity-issuer", "cert-manager" }, "--identity-issuer=cert-manager needs --cert-manager-issuer <Issuer|ClusterIssuer>/<name>")]
    [InlineData(new[] { "--identity-issuer=cert-manager", "--cert-manager-issuer", "mesh-ca" }, "--cert-manager-issuer must be Issuer/<name> or ClusterIssuer/<name>, not \"mesh-ca\"")]
    [InlineData(new[] { "--cert-manager-issuer", "Issuer/mesh-ca" }, "--cert-manager-issuer needs --identity-issuer=cert-manager (Junction's own CA signs otherwise)")]
    [InlineData(new[] { "--identity-issuer=junction", "--cert-manager-ca-secret", "a/b" }, "--cert-manager-ca-secret needs --identity-issuer=cert-manager (Junction's own CA signs otherwise)")]
    [InlineData(new[] { "--identity-issuer=cert-manager", "--cert-manager-issuer", "Issuer/x", "--cert-manager-ca-secret", "mesh-ca" }, "--cert-manager-ca-secret must be <namespace>/<name>, not \"mesh-ca\"")]
    public void Parse_BadIssuerFlags_NameTheFlag(string[] args, string message)
    {
        Assert.Equal(message, Assert.Throws<UsageException>(() => RunArguments.Parse(args)).Message);
    }

    [Fact]
    public async Task Run_CertManagerWithoutIssuer_ExitsNonZeroWithTheUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandDispatcher.RunAsync(["run", "--identity-issuer=cert-manager"], new CliConsole(new StringReader(""), output, error), CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("junction run: --identity-issuer=cert-manager needs --cert-manager-issuer", error.ToString(), StringComparison.Ordinal);
    }
}
