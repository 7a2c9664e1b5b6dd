using Junction.Agent.HAProxy;

namespace Junction.Agent.Tests.HAProxy;

/// <summary>Where a reload's server-state dump goes: the global section's server-state-file.</summary>
public sealed class ServerStateFileTests
{
    [Theory]
    [InlineData("global\n  server-state-file '/var/run/haproxy/server-state'\n  stats socket /x\n", "/var/run/haproxy/server-state")]
    [InlineData("global\n    server-state-file /tmp/r/var/run/junction/server-state\n", "/tmp/r/var/run/junction/server-state")]
    [InlineData("global\n  server-state-file \"/s\"\n", "/s")]
    public void ConfigNamingAStateFile_GivesItsPath(string config, string expected) =>
        Assert.Equal(expected, HAProxyControl.ServerStateFile(config));

    [Fact]
    public void ConfigWithoutAStateFile_GivesNull() =>
        Assert.Null(HAProxyControl.ServerStateFile("global\n  maxconn 100\ndefaults\n  load-server-state-from-file global\n"));
}
