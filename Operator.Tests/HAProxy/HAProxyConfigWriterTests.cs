using Junction.HAProxy;
using Junction.Tests.Translation;
using Junction.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

public sealed class HAProxyConfigWriterTests
{
    private const string Policy = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: NAME, namespace: shop}
        spec:
          targetRef: {name: app, port: 80}
        """;

    [Fact]
    public void Write_TwoFragmentsOnOnePort_ThrowsNamingBoth()
    {
        var a = Fragment("first");
        var b = Fragment("second");

        var e = Assert.Throws<ArgumentException>(() => HAProxyConfigWriter.Write([a, b], HAProxyGlobalOptions.Default));

        Assert.Contains("shop/first, shop/second", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoFragmentsOnTheirOwnPorts_HaveDistinctSections()
    {
        var a = Fragment("first");
        var b = Fragment("second") with { Listener = a.Listener with { Port = 8081 } };

        var config = HAProxyConfigWriter.Write([a, b], HAProxyGlobalOptions.Default);

        Assert.Contains("frontend fe_shop_first\n", config, StringComparison.Ordinal);
        Assert.Contains("frontend fe_shop_second\n", config, StringComparison.Ordinal);
        Assert.Contains("bind :8081\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Nameservers_ReplaceResolvConf()
    {
        var options = HAProxyGlobalOptions.Default with { Nameservers = ["127.0.0.1:5353"] };

        var config = HAProxyConfigWriter.Write([Fragment("first")], options);

        Assert.Contains("nameserver dns1 \"127.0.0.1:5353\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("parse-resolv-conf", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostileStrings_StayOnTheirOwnLine()
    {
        var (_, yaml, _) = TestPaths.AllCases().Single(c => c.Name == "escaping");

        var config = TranslationCase.FromFile("escaping", yaml).Render().HAProxyConfig!;

        // The hostile header value carries "\n    http-request deny": it must not become a directive.
        Assert.DoesNotContain("\n    http-request deny\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("\nx-injected", config, StringComparison.Ordinal);
        Assert.All(config.Split('\n').Where(l => l.Contains("if TRUE", StringComparison.Ordinal)), l => Assert.Contains("\\\" code 200 if TRUE #", l, StringComparison.Ordinal));
    }

    private static Ir.ProxyFragment Fragment(string name) =>
        PolicyTranslator.Translate(PolicyTranslatorTests.Parse(Policy.Replace("NAME", name, StringComparison.Ordinal)), TranslationContext.Empty(assumeMissingServices: true)).Fragment;
}
