using Junction.Mesh.Capture;
using Xunit;

namespace Junction.Tests.Mesh.Capture;

public sealed class CaptureRulesTests
{
    [Fact]
    public void Install_Defaults_AreTheVerifiedRedirectRules()
    {
        var lines = CaptureRules.Install(new CaptureOptions()).Select(CaptureRules.ShellLine);

        Assert.Equal(
            [
                "iptables -w -t nat -N JX_INBOUND",
                "iptables -w -t nat -N JX_IN_REDIRECT",
                "iptables -w -t nat -N JX_OUTPUT",
                "iptables -w -t nat -N JX_REDIRECT",
                "iptables -w -t nat -A JX_REDIRECT -p tcp -j REDIRECT --to-ports 15001",
                "iptables -w -t nat -A JX_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006",
                "iptables -w -t nat -A PREROUTING -p tcp -j JX_INBOUND",
                "iptables -w -t nat -A JX_INBOUND -p tcp --dport 15020 -j RETURN",
                "iptables -w -t nat -A JX_INBOUND -p tcp --dport 15021 -j RETURN",
                "iptables -w -t nat -A JX_INBOUND -p tcp -j JX_IN_REDIRECT",
                "iptables -w -t nat -A OUTPUT -p tcp -j JX_OUTPUT",
                "iptables -w -t nat -A JX_OUTPUT -m owner --uid-owner 1337 -j RETURN",
                "iptables -w -t nat -A JX_OUTPUT -m owner --gid-owner 1337 -j RETURN",
                "iptables -w -t nat -A JX_OUTPUT -d 127.0.0.1/32 -j RETURN",
                "iptables -w -t nat -A JX_OUTPUT -j JX_REDIRECT",
            ],
            lines);
    }

    [Fact]
    public void Install_ExcludedPorts_ReturnSortedOnceBeforeTheRedirect()
    {
        var lines = CaptureRules.Install(new CaptureOptions { ExcludeInboundPorts = [9090, 22, 9090], ExcludeOutboundPorts = [5432] })
            .Select(CaptureRules.ShellLine).ToList();

        var inbound = lines.FindIndex(l => l.EndsWith("-A JX_INBOUND -p tcp -j JX_IN_REDIRECT", StringComparison.Ordinal));
        Assert.Equal("iptables -w -t nat -A JX_INBOUND -p tcp --dport 22 -j RETURN", lines[inbound - 2]);
        Assert.Equal("iptables -w -t nat -A JX_INBOUND -p tcp --dport 9090 -j RETURN", lines[inbound - 1]);
        var outbound = lines.FindIndex(l => l.EndsWith("-A JX_OUTPUT -j JX_REDIRECT", StringComparison.Ordinal));
        Assert.Equal("iptables -w -t nat -A JX_OUTPUT -p tcp --dport 5432 -j RETURN", lines[outbound - 1]);
        Assert.Single(lines, l => l.Contains("--dport 9090", StringComparison.Ordinal));
    }

    [Fact]
    public void Uninstall_RemovesJumpsBeforeChains()
    {
        var lines = CaptureRules.Uninstall().Select(CaptureRules.ShellLine).ToList();

        Assert.Equal("iptables -w -t nat -D PREROUTING -p tcp -j JX_INBOUND", lines[0]);
        Assert.Equal("iptables -w -t nat -D OUTPUT -p tcp -j JX_OUTPUT", lines[1]);
        Assert.True(lines.FindLastIndex(l => l.Contains(" -F ", StringComparison.Ordinal)) < lines.FindIndex(l => l.Contains(" -X ", StringComparison.Ordinal)));
        Assert.Equal(CaptureRules.Chains.Length * 2 + 2, lines.Count);
    }
}
