using Junction.Agent.Api;
using Junction.Agent.Bundle;

namespace Junction.Agent.Tests.Bundle;

public sealed class HostRewriteTests
{
    private const string Pod = """
        global
            server-state-file "/var/run/haproxy/server-state"
            stats socket "/var/run/junction/admin.sock" mode 600 level admin
            lua-load junction.lua
            description junction hash=0123456789abcdef
        resolvers kube
            parse-resolv-conf
        frontend web
            bind :8080
            bind *:8443 ssl crt /var/run/junction/identity/tls.pem
            bind abns@junction-ef7a
            bind 10.0.0.1:9000
            server tries abns@junction-ef7a send-proxy-v2
            http-request set-var(txn.r) req.hdr(host),map(/etc/junction/proxy/host.map,none)
        """;

    private static readonly HostRewrite Local = new("/tmp/r", "127.0.1.2", "127.0.0.1:5353");

    [Fact]
    public void LocalRun_PathsUnderTheRootListenersOnTheAddressAndTheLocalNameServer()
    {
        var cfg = Local.Config(Pod);
        Assert.Contains("server-state-file \"/tmp/r/var/run/haproxy/server-state\"", cfg, StringComparison.Ordinal);
        Assert.Contains("stats socket \"/tmp/r/var/run/junction/admin.sock\" mode 600", cfg, StringComparison.Ordinal);
        Assert.Contains("    lua-load /tmp/r/etc/junction/proxy/junction.lua\n", cfg, StringComparison.Ordinal);
        Assert.Contains("    nameserver junction-local 127.0.0.1:5353\n", cfg, StringComparison.Ordinal);
        Assert.DoesNotContain("parse-resolv-conf", cfg, StringComparison.Ordinal);
        Assert.Contains("    bind 127.0.1.2:8080\n", cfg, StringComparison.Ordinal);
        Assert.Contains("    bind 127.0.1.2:8443 ssl crt /tmp/r/var/run/junction/identity/tls.pem\n", cfg, StringComparison.Ordinal);
        Assert.Contains("map(/tmp/r/etc/junction/proxy/host.map,none)", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void AbstractSockets_CarryTheAddress_InTheirBindAndTheServersThatDialThem()
    {
        var cfg = Local.Config(Pod);
        Assert.Contains("    bind abns@junction-ef7a-127.0.1.2\n", cfg, StringComparison.Ordinal);
        Assert.Contains("    server tries abns@junction-ef7a-127.0.1.2 send-proxy-v2\n", cfg, StringComparison.Ordinal);
        Assert.Contains("bind abns@junction-ef7a\n", new HostRewrite("/tmp/r", null, null).Config(Pod), StringComparison.Ordinal);
    }

    [Fact]
    public void NonWildcardListenersAndTheHash_Untouched()
    {
        var cfg = Local.Config(Pod);
        Assert.Contains("    bind 10.0.0.1:9000\n", cfg, StringComparison.Ordinal);
        Assert.Contains("description junction hash=0123456789abcdef", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void AppliedTwice_SameAsOnce()
    {
        var once = Local.Config(Pod);
        Assert.Equal(once, Local.Config(once));
    }

    [Fact]
    public void InAPod_BundleUnchanged()
    {
        var bundle = new ConfigBundle("gateway/shop/checkout", "h", null, [new BundleFile("haproxy.cfg", Pod)]);
        var none = new HostRewrite("", null, null);
        Assert.True(none.IsIdentity);
        Assert.Same(bundle, none.Apply(bundle));
    }

    [Fact]
    public void Bundle_OnlyHaproxyCfgRewrittenHashKept()
    {
        var bundle = new ConfigBundle("gateway/shop/checkout", "h", null, [new BundleFile("haproxy.cfg", Pod), new BundleFile("host.map", "/etc/junction/x 1\n")]);
        var rewritten = Local.Apply(bundle);
        Assert.Equal("h", rewritten.Hash);
        Assert.Equal("/etc/junction/x 1\n", rewritten.Files[1].Content);
        Assert.Contains("/tmp/r/etc/junction/proxy/host.map", rewritten.Files[0].Content, StringComparison.Ordinal);
    }
}
