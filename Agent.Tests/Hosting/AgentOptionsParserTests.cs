using Junction.Agent.Hosting;

namespace Junction.Agent.Tests.Hosting;

public sealed class AgentOptionsParserTests
{
    private static readonly string[] Required = ["--operator", "https://127.0.0.1:15012", "--operator-ca", "/ca.pem", "--proxy", "gateway/shop/checkout", "--instance", "checkout-0", "--token-file", "/token"];

    [Fact]
    public void AllFlags_ParsedWithPathsUnderTheRoot()
    {
        Assert.True(AgentOptionsParser.TryParse([.. Required, "--root", "/tmp/r", "--health-port", "15099", "--labels", "app=a"], _ => null, out var o, out var error), error);
        Assert.Equal("gateway/shop/checkout", o!.Proxy);
        Assert.Equal(15099, o.HealthPort);
        Assert.Equal("/tmp/r/etc/junction/proxy/haproxy.cfg", o.ConfigFile);
        Assert.Equal("/tmp/r/var/run/junction/master.sock", o.MasterSocket);
        Assert.Equal("/tmp/r/var/run/junction/identity/tls.pem", o.IdentityCertificate);
        Assert.Equal("app=a", o.Labels);
    }

    [Fact]
    public void Defaults_HealthPort15021AndPodPaths()
    {
        Assert.True(AgentOptionsParser.TryParse(Required, _ => null, out var o, out _));
        Assert.Equal(15021, o!.HealthPort);
        Assert.Equal("/var/run/junction/admin.sock", o.AdminSocket);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Heartbeat);
    }

    [Fact]
    public void EnvFallbacks_FillInstanceOperatorAndNamespace()
    {
        var env = new Dictionary<string, string> { ["POD_NAME"] = "p-1", ["JUNCTION_OPERATOR"] = "https://op:15012", ["POD_NAMESPACE"] = "shop" };
        Assert.True(AgentOptionsParser.TryParse(["--operator-ca", "/ca", "--token-file", "/t", "--proxy", "sidecar/reviews"], k => env.GetValueOrDefault(k), out var o, out var error), error);
        Assert.Equal("p-1", o!.Instance);
        Assert.Equal("sidecar/shop/reviews", o.Proxy);
        Assert.Equal(new Uri("https://op:15012"), o.Operator);
    }

    [Fact]
    public void BindAddressAndResolver_ParsedAndTheHealthPortSharesTheAddress()
    {
        Assert.True(AgentOptionsParser.TryParse([.. Required, "--bind-address", "127.0.1.3", "--resolver", "127.0.0.1:5353"], _ => null, out var o, out var error), error);
        Assert.Equal("127.0.1.3", o!.BindAddress);
        Assert.Equal("127.0.0.1:5353", o.Resolver);
        Assert.Equal("127.0.1.3", o.HealthAddress);
    }

    [Theory]
    [InlineData("--bind-address", "localhost", "--bind-address")]
    [InlineData("--resolver", "dns:53", "--resolver")]
    [InlineData("--operator", "http://127.0.0.1:15012", "https://")]
    [InlineData("--proxy", "pod/shop/x", "--proxy")]
    [InlineData("--health-port", "70000", "--health-port")]
    [InlineData("--bogus", "1", "unknown flag --bogus")]
    public void BadFlag_Refused(string flag, string value, string message)
    {
        var args = Required.ToList();
        var at = args.IndexOf(flag);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([flag, value]);
        }

        Assert.False(AgentOptionsParser.TryParse(args, _ => null, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
