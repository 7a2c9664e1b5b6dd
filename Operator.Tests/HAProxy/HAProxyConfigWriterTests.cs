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

    [Fact]
    public void Write_ServerStateFile_IsNamedGloballyAndLoadedByEveryBackend()
    {
        var options = HAProxyGlobalOptions.Default with { ServerStateFile = "/var/run/haproxy/server-state" };

        var config = HAProxyConfigWriter.Write([Fragment("first")], options);

        Assert.Contains("\n    server-state-file \"/var/run/haproxy/server-state\"\n", config, StringComparison.Ordinal);
        Assert.Contains("\n    load-server-state-from-file global\n", config, StringComparison.Ordinal);
        Assert.Contains("default-server init-addr last,none ", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoServerStateFile_LeavesTheStateDirectivesOut()
    {
        var config = HAProxyConfigWriter.Write([Fragment("first")], HAProxyGlobalOptions.Default);

        Assert.DoesNotContain("server-state", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DnsHoldTimes_SetResolverHolds()
    {
        var options = HAProxyGlobalOptions.Default with { DnsHoldValid = TimeSpan.FromSeconds(2), DnsHoldObsolete = TimeSpan.FromMilliseconds(1500) };

        var config = HAProxyConfigWriter.Write([Fragment("first")], options);

        Assert.Contains("\n    hold valid 2s\n", config, StringComparison.Ordinal);
        Assert.Contains("\n    hold obsolete 1500ms\n", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "lt 10", true)]
    [InlineData(0, null, true)]
    [InlineData(100, "lt 100", false)]
    public void Write_TraceSampling_GivesEveryRequestATraceparentFlaggedBySampling(int percent, string? sampledCondition, bool unsampledRule)
    {
        var f = Fragment("first");
        f = f with { Observability = f.Observability with { TraceSamplingPercent = percent } };

        var lines = TraceLines(HAProxyConfigWriter.Write([f], HAProxyGlobalOptions.Default));

        var sampled = lines.Where(l => l.Contains("-01 if", StringComparison.Ordinal)).ToList();
        var unsampled = lines.Where(l => l.EndsWith("-00 if !{ req.hdr(traceparent) -m found }", StringComparison.Ordinal)).ToList();
        Assert.Equal(sampledCondition is null ? 0 : 1, sampled.Count);
        Assert.All(sampled, l => Assert.EndsWith("{ rand(100) " + sampledCondition + " }", l, StringComparison.Ordinal));
        Assert.Equal(unsampledRule ? 1 : 0, unsampled.Count);
        Assert.Equal(sampled.Count + unsampled.Count, lines.Count);
        if (sampled.Count == 1 && unsampled.Count == 1)
        {
            Assert.True(lines.IndexOf(sampled[0]) < lines.IndexOf(unsampled[0]), "the unsampled rule must come after the sampled one");
        }
    }

    [Fact]
    public void Write_NoTracing_GeneratesNoTraceparent()
    {
        var f = Fragment("first");
        f = f with { Observability = f.Observability with { TraceSamplingPercent = null } };

        Assert.Empty(TraceLines(HAProxyConfigWriter.Write([f], HAProxyGlobalOptions.Default)));
    }

    [Theory]
    [InlineData(200, 1000, 1, 6)]
    [InlineData(10_000, 30_000, 2, 4)]
    [InlineData(10_000, 25_000, 2, 4)]
    [InlineData(1000, 1000, 5, 5)]
    public void Write_OutlierEjection_RiseKeepsTheEndpointOutAtLeastTheBaseEjectionTime(int intervalMs, int ejectionMs, int healthyThreshold, int rise)
    {
        var f = Fragment("first");
        var check = new Ir.ActiveHealthCheck(null, TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(500), healthyThreshold, 2);
        var outlier = new Ir.OutlierEjection(3, TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(ejectionMs));
        f = f with { Endpoints = f.Endpoints with { HealthCheck = check, Outlier = outlier } };

        var config = HAProxyConfigWriter.Write([f], HAProxyGlobalOptions.Default);

        Assert.Contains(" fall 2 rise " + rise.ToString(System.Globalization.CultureInfo.InvariantCulture) + " observe ", config, StringComparison.Ordinal);
    }

    private static List<string> TraceLines(string config) => config
        .Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith("http-request set-header traceparent ", StringComparison.Ordinal))
        .ToList();

    private static Ir.ProxyFragment Fragment(string name) =>
        PolicyTranslator.Translate(PolicyTranslatorTests.Parse(Policy.Replace("NAME", name, StringComparison.Ordinal)), TranslationContext.Empty(assumeMissingServices: true)).Fragment;
}
