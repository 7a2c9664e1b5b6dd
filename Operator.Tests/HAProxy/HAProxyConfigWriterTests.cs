using Junction.HAProxy;
using Junction.Ir;
using Junction.Tests.Support;
using Junction.Tests.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

/// <summary>
/// The HAProxy renderer's own layer: the config text it writes for a given IR. Fragments are
/// built directly (<see cref="IrFragments"/>), so these tests do not depend on the translator.
/// </summary>
public sealed class HAProxyConfigWriterTests
{
    [Fact]
    public void Write_TwoWeightedBackends_SplitsOnExactCumulativeWeights()
    {
        var config = HAProxyConfigWriter.Write([Canary()], HAProxyGlobalOptions.Default);

        Assert.Contains("http-request set-var(txn.jn_pick) rand(100) if { var(txn.jn_route) -m str r0 }\n", config, StringComparison.Ordinal);
        Assert.Contains("use_backend be_shop_checkout:checkout:8080 if { var(txn.jn_route) -m str r0 } { var(txn.jn_pick) -m int lt 90 }\n", config, StringComparison.Ordinal);
        Assert.Contains("use_backend be_shop_checkout:checkout-v2:8080 if { var(txn.jn_route) -m str r0 }\n", config, StringComparison.Ordinal);
        Assert.Contains("default_backend be_shop_checkout:checkout:8080\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RoutesWithSameTargetAndRequests_ShareOneBackendNamedAfterTheServicePort()
    {
        var config = HAProxyConfigWriter.Write([Canary()], HAProxyGlobalOptions.Default);

        Assert.Single(config.Split('\n'), l => l.StartsWith("backend be_shop_checkout:checkout:8080", StringComparison.Ordinal));
        Assert.Contains("# Service shop/checkout port 8080 for spec.routes[0].backendRefs[0], spec.targetRef\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RouteWithOwnRequestPolicy_GetsItsOwnBackendNamedAfterTheRoute()
    {
        var ownRetry = IrFragments.DefaultRequests with { Retry = IrFragments.DefaultRequests.Retry with { Attempts = 0 } };

        var config = HAProxyConfigWriter.Write([Canary(ownRetry)], HAProxyGlobalOptions.Default);

        Assert.Contains("\nbackend be_shop_checkout:canary:checkout:8080\n", config, StringComparison.Ordinal);
        Assert.Contains("\nbackend be_shop_checkout:canary:checkout-v2:8080\n", config, StringComparison.Ordinal);
        Assert.Contains("\nbackend be_shop_checkout:checkout:8080\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("\nbackend be_shop_checkout:checkout-v2:8080\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AnyFragment_LimitsOldWorkersToTheIrDrainLimit()
    {
        var config = HAProxyConfigWriter.Write([Fragment("first")], HAProxyGlobalOptions.Default);

        Assert.Contains("\n    hard-stop-after " + HAProxyText.Time(ProxyLifecycle.HardStopAfter) + "\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RetryOnConnectFailureOnly_RetriesEveryMethod()
    {
        var config = HAProxyConfigWriter.Write([Fragment("first")], HAProxyGlobalOptions.Default);

        Assert.Contains("\n    retries 2\n", config, StringComparison.Ordinal);
        Assert.Contains("\n    retry-on conn-failure\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("disable-l7-retry", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RetryOnStatus_NeverReplaysNonIdempotentMethods()
    {
        var f = WithRetry(Fragment("first"), new RetryRule(3, new([RetryCondition.Status]), new([503]), false));

        var config = HAProxyConfigWriter.Write([f], HAProxyGlobalOptions.Default);

        Assert.Contains("\n    retry-on 503\n", config, StringComparison.Ordinal);
        Assert.Contains("http-request disable-l7-retry if !{ method GET HEAD OPTIONS PUT DELETE TRACE }", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RetryNonIdempotent_ReplaysEveryMethod()
    {
        var f = WithRetry(Fragment("first"), new RetryRule(3, new([RetryCondition.Status]), new([503]), true));

        var config = HAProxyConfigWriter.Write([f], HAProxyGlobalOptions.Default);

        Assert.Contains("\n    retry-on 503\n", config, StringComparison.Ordinal);
        Assert.DoesNotContain("disable-l7-retry", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FragmentBreakingAnIrInvariant_Throws()
    {
        var tcpWithRoutes = Canary() with { Protocol = AppProtocol.Tcp };

        var e = Assert.Throws<InvalidOperationException>(() => HAProxyConfigWriter.Write([tcpWithRoutes], HAProxyGlobalOptions.Default));

        Assert.Contains("TCP cannot match requests", e.Message, StringComparison.Ordinal);
    }

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

        var fragments = TranslationCase.FromFile("escaping", yaml).Translate().Select(r => r.Fragment).ToList();

        var config = HAProxyConfigWriter.Write(fragments, HAProxyGlobalOptions.Default);

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
        var check = new ActiveHealthCheck(null, TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(500), healthyThreshold, 2);
        var outlier = new OutlierEjection(3, TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(ejectionMs));
        f = f with { Endpoints = f.Endpoints with { HealthCheck = check, Outlier = outlier } };

        var config = HAProxyConfigWriter.Write([f], HAProxyGlobalOptions.Default);

        Assert.Contains(" fall 2 rise " + rise.ToString(System.Globalization.CultureInfo.InvariantCulture) + " observe ", config, StringComparison.Ordinal);
    }

    private static List<string> TraceLines(string config) => config
        .Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith("http-request set-header traceparent ", StringComparison.Ordinal))
        .ToList();

    private static ProxyFragment Fragment(string name) => IrFragments.Gateway("shop", name);

    // Route "canary" splits 90/10 between checkout and checkout-v2; the target is checkout.
    private static ProxyFragment Canary(RequestPolicy? routeRequests = null)
    {
        var route = IrFragments.Route(
            "canary",
            0,
            IrFragments.Backend("shop", "checkout", "checkout", 8080, 90, "spec.routes[0].backendRefs[0]"),
            IrFragments.Backend("shop", "checkout", "checkout-v2", 8080, 10, "spec.routes[0].backendRefs[1]"));
        return IrFragments.Gateway("shop", "checkout", "checkout", 8080) with
        {
            Routes = new([routeRequests is null ? route : route with { Requests = routeRequests }]),
        };
    }

    private static ProxyFragment WithRetry(ProxyFragment f, RetryRule retry) =>
        f with { DefaultRoute = f.DefaultRoute with { Requests = f.DefaultRoute.Requests with { Retry = retry } } };
}
