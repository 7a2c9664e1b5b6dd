using Junction.Ir;
using Junction.Tests.Support;
using Junction.Tests.Translation;
using Xunit;

namespace Junction.Tests.Ir;

public sealed class FragmentInvariantsTests
{
    // Each breaks exactly one rule of a sound fragment.
    private static readonly Dictionary<string, Func<ProxyFragment, ProxyFragment>> Breakers = new()
    {
        ["foreign-prefix"] = f => f with { NamePrefix = "shop_other" },
        ["listener-port"] = f => f with { Listener = f.Listener with { ServicePort = 0 } },
        ["listener-on-metrics-port"] = f => f with { Listener = f.Listener with { Port = f.Gateway.MetricsPort } },
        ["default-route-named"] = f => f with { DefaultRoute = f.DefaultRoute with { Name = "catch-all" } },
        ["default-route-matches"] = f => f with { DefaultRoute = f.DefaultRoute with { Matches = new([PrefixMatch("/a")]) } },
        ["tcp-with-routes"] = f => Canary(f) with { Protocol = AppProtocol.Tcp },
        ["route-name-charset"] = f => Canary(f) with { Routes = new([Canary(f).Routes[0] with { Name = "a:b" }]) },
        ["route-name-twice"] = f => Canary(f) with { Routes = new([Canary(f).Routes[0], Canary(f).Routes[0] with { FieldPath = "spec.routes[1]" }]) },
        ["negative-weight"] = f => f with { DefaultRoute = f.DefaultRoute with { Backends = new([f.DefaultRoute.Backends[0] with { Weight = -1 }]) } },
        ["target-two-ways"] = f => f with { DefaultRoute = f.DefaultRoute with { Backends = new([f.DefaultRoute.Backends[0], f.DefaultRoute.Backends[0] with { Target = f.DefaultRoute.Backends[0].Target with { Resolved = false } }]) } },
        ["prefix-trailing-slash"] = f => Canary(f) with { Routes = new([Canary(f).Routes[0] with { Matches = new([PrefixMatch("/api/")]) }]) },
        ["retry-status-without-codes"] = f => WithRetry(f, new RetryRule(2, new([RetryCondition.Status]), EquatableArray<int>.Empty, false)),
        ["retry-codes-unsorted"] = f => WithRetry(f, new RetryRule(2, new([RetryCondition.Status]), new([503, 502]), false)),
        ["path-replacement-both"] = f => WithFilter(f, new UrlRewriteRule(null, new PathReplacement("/full", "/prefix", EquatableArray<string>.Empty))),
        ["redirect-status"] = f => WithFilter(f, new RedirectRule("https", null, null, null, 200)),
        ["hash-key-without-hashing"] = f => f with { Endpoints = f.Endpoints with { HashKey = new HashKey(HashKeyKind.SourceIp, "") } },
        ["max-connections-zero"] = f => f with { Endpoints = f.Endpoints with { MaxConnections = 0 } },
        ["pending-without-max"] = f => f with { Endpoints = f.Endpoints with { MaxPendingRequests = 3 } },
        ["outlier-zero-interval"] = f => f with { Endpoints = f.Endpoints with { Outlier = new OutlierEjection(3, TimeSpan.Zero, TimeSpan.FromSeconds(30)) } },
        ["burst-below-rate"] = f => f with { RateLimit = new RateLimitRule(10, 5, RateLimitKeyKind.ClientIp, "") },
        ["header-key-without-name"] = f => f with { RateLimit = new RateLimitRule(10, 10, RateLimitKeyKind.Header, "") },
        ["sampling-above-100"] = f => f with { Observability = f.Observability with { TraceSamplingPercent = 101 } },
        ["issuer-without-secret"] = f => f with { Ingress = Ingress(f) with { Issuer = new CertificateIssuer("letsencrypt", true), TlsSecretName = null } },
        ["ingress-past-the-proxy-port"] = f => f with { Ingress = Ingress(f) with { BackendPort = 9999 } },
        ["tcp-with-ingress"] = f => f with { Protocol = AppProtocol.Tcp, Ingress = Ingress(f) },
    };

    public static TheoryData<string> Cases() => GoldenTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Violations_EveryTranslatedGoldenCase_HoldsEveryInvariant(string name)
    {
        var (_, yaml, _) = TestPaths.AllCases().Single(c => c.Name == name);

        foreach (var result in TranslationCase.FromFile(name, yaml).Translate())
        {
            Assert.Empty(FragmentInvariants.Violations(result.Fragment));
        }
    }

    [Fact]
    public void Validate_SoundFragments_DoNotThrow()
    {
        var f = Sound();

        f.Validate();
        Canary(f).Validate();
        (f with { Ingress = Ingress(f) }).Validate();
    }

    [Theory]
    [InlineData("foreign-prefix", "namePrefix")]
    [InlineData("listener-port", "listener ports")]
    [InlineData("listener-on-metrics-port", "metrics port")]
    [InlineData("default-route-named", "default route")]
    [InlineData("default-route-matches", "default route")]
    [InlineData("tcp-with-routes", "TCP cannot match")]
    [InlineData("route-name-charset", "route name \"a:b\"")]
    [InlineData("route-name-twice", "used twice")]
    [InlineData("negative-weight", "is negative")]
    [InlineData("target-two-ways", "two different ways")]
    [InlineData("prefix-trailing-slash", "trailing '/'")]
    [InlineData("retry-status-without-codes", "retry on Status")]
    [InlineData("retry-codes-unsorted", "ascending")]
    [InlineData("path-replacement-both", "not both or neither")]
    [InlineData("redirect-status", "redirect status 200")]
    [InlineData("hash-key-without-hashing", "ConsistentHash")]
    [InlineData("max-connections-zero", "maxConnections")]
    [InlineData("pending-without-max", "maxPendingRequests")]
    [InlineData("outlier-zero-interval", "outlier")]
    [InlineData("burst-below-rate", "burst")]
    [InlineData("header-key-without-name", "header name")]
    [InlineData("sampling-above-100", "traceSamplingPercent")]
    [InlineData("issuer-without-secret", "issuer")]
    [InlineData("ingress-past-the-proxy-port", "proxy Service port")]
    [InlineData("tcp-with-ingress", "HTTP only")]
    public void Violations_OneRuleBroken_ReportsExactlyThatRule(string breaker, string expected)
    {
        var f = Breakers[breaker](Sound());

        var violation = Assert.Single(FragmentInvariants.Violations(f));

        Assert.Contains(expected, violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_EveryBreaker_HasATest()
    {
        var tested = typeof(FragmentInvariantsTests).GetMethod(nameof(Violations_OneRuleBroken_ReportsExactlyThatRule))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0])
            .ToHashSet();

        Assert.Equal(Breakers.Keys.Order(), tested.Order());
    }

    [Fact]
    public void Validate_TwoRulesBroken_ThrowsNamingThePolicyAndBoth()
    {
        var f = Sound() with { NamePrefix = "x", Observability = Sound().Observability with { TraceSamplingPercent = -1 } };

        var e = Assert.Throws<InvalidOperationException>(f.Validate);

        Assert.StartsWith("IR fragment shop/checkout is inconsistent: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("namePrefix", e.Message, StringComparison.Ordinal);
        Assert.Contains("traceSamplingPercent", e.Message, StringComparison.Ordinal);
    }

    private static ProxyFragment Sound() => IrFragments.Gateway("shop", "checkout", "checkout", 8080);

    private static ProxyFragment Canary(ProxyFragment f) => f with
    {
        Routes = new([IrFragments.Route("canary", 0, IrFragments.Backend("shop", "checkout", "checkout-v2", 8080, 10, "spec.routes[0].backendRefs[0]"))]),
    };

    private static RouteMatchRule PrefixMatch(string prefix) =>
        new(new PathCondition(PathMatchKind.Prefix, prefix), null, EquatableArray<ValueCondition>.Empty, EquatableArray<ValueCondition>.Empty);

    private static ProxyFragment WithRetry(ProxyFragment f, RetryRule retry) =>
        f with { DefaultRoute = f.DefaultRoute with { Requests = f.DefaultRoute.Requests with { Retry = retry } } };

    private static ProxyFragment WithFilter(ProxyFragment f, RouteFilterRule filter)
    {
        var canary = Canary(f);
        return canary with { Routes = new([canary.Routes[0] with { Filters = new([filter]) }]) };
    }

    private static IngressExposure Ingress(ProxyFragment f) =>
        new(null, new(["shop.example.com"]), new([new IngressRoutePath("/", "Prefix")]), null, null, "checkout-proxy", f.Listener.ServicePort);
}
