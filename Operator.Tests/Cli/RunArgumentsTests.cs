using Junction.Cli;
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
}
