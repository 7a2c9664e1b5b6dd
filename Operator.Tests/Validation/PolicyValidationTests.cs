using Junction.Api.V1Alpha1;
using Junction.Validation;
using Xunit;

namespace Junction.Tests.Validation;

public sealed class PolicyValidationTests
{
    private static TrafficPolicy Policy(Action<TrafficPolicySpec> configure)
    {
        var policy = new TrafficPolicy
        {
            Metadata = new() { Name = "shop", NamespaceProperty = "shop" },
            Spec = new() { TargetRef = new() { Name = "checkout", Port = 8080 } },
        };
        configure(policy.Spec);
        return policy;
    }

    private static Route Route(string name, params BackendRef[] backends) => new() { Name = name, BackendRefs = backends.ToList() };

    [Fact]
    public void Validate_WeightAboveRange_ReportsFieldPathAndMessage()
    {
        var policy = Policy(s => s.Routes =
        [
            Route("a", new BackendRef { Name = "a", Port = 80 }),
            Route("b", new BackendRef { Name = "b", Port = 80, Weight = 1001 }, new BackendRef { Name = "c", Port = 80 }),
        ]);

        var report = PolicyValidation.Validate(policy);

        Assert.False(report.IsValid);
        Assert.Equal("spec.routes[1].backendRefs[0].weight: must be between 0 and 1000", Assert.Single(report.Errors).ToString());
    }

    [Fact]
    public void Validate_ValidPolicy_IsValid()
    {
        var report = PolicyValidation.Validate(Policy(_ => { }));

        Assert.True(report.IsValid);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public void Validate_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PolicyValidation.Validate(null!));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachOnce()
    {
        var policy = Policy(s =>
        {
            s.TargetRef.Port = 0;
            s.Protocol = "UDP";
            s.Timeouts = new() { Request = "soon" };
        });

        var paths = PolicyValidation.Validate(policy).Errors.Select(e => e.Path).ToList();

        // A type's own field facts come before its nested blocks.
        Assert.Equal(["spec.protocol", "spec.targetRef.port", "spec.timeouts.request"], paths);
    }

    [Fact]
    public void Validate_UnknownEnumValue_ListsAllowedValues()
    {
        var policy = Policy(s => s.LoadBalancer = new() { Algorithm = "Fastest" });

        var error = Assert.Single(PolicyValidation.Validate(policy).Errors);

        Assert.Equal("spec.loadBalancer.algorithm: unsupported value \"Fastest\": must be one of RoundRobin, LeastRequest, Random, ConsistentHash", error.ToString());
    }

    [Fact]
    public void Validate_OneZeroWeightBesideNonZero_IsValid()
    {
        var policy = Policy(s => s.Routes = [Route("a", new BackendRef { Name = "a", Port = 80, Weight = 0 }, new BackendRef { Name = "b", Port = 80, Weight = 5 })]);

        Assert.True(PolicyValidation.Validate(policy).IsValid);
    }

    [Fact]
    public void Validate_UnsetWeightsCountAsOne_IsValid()
    {
        var policy = Policy(s => s.Routes = [Route("a", new BackendRef { Name = "a", Port = 80 })]);

        Assert.True(PolicyValidation.Validate(policy).IsValid);
    }

    [Fact]
    public void Validate_ReplacePrefixMatchWithDefaultPathType_IsValid()
    {
        var policy = Policy(s => s.Routes =
        [
            new Route
            {
                Name = "legacy",
                Matches = [new RouteMatch { Path = new PathMatch { Value = "/old" } }],
                Filters = [new RouteFilter { Type = FilterTypes.UrlRewrite, UrlRewrite = new() { Path = new() { Type = "ReplacePrefixMatch", ReplacePrefixMatch = "/new" } } }],
            },
        ]);

        var report = PolicyValidation.Validate(policy);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public void Validate_ReplacePrefixMatchWithRegexMatch_ReportsFilterPath()
    {
        var policy = Policy(s => s.Routes =
        [
            new Route
            {
                Name = "legacy",
                Matches = [new RouteMatch { Path = new PathMatch { Value = "/a" } }, new RouteMatch { Path = new PathMatch { Type = MatchTypes.RegularExpression, Value = "^/b[0-9]$" } }],
                Filters = [new RouteFilter { Type = FilterTypes.RequestRedirect, RequestRedirect = new() { Path = new() { Type = "ReplacePrefixMatch", ReplacePrefixMatch = "/new" } } }],
            },
        ]);

        var error = Assert.Single(PolicyValidation.Validate(policy).Errors);

        Assert.Equal("spec.routes[0].filters[0].requestRedirect.path.type", error.Path);
        Assert.Contains("matches[1]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.example.com")]
    [InlineData("shop.example.com")]
    [InlineData("localhost")]
    [InlineData("xn--bcher-kva.example")]
    public void Validate_GoodHost_IsValid(string host)
    {
        var policy = Policy(s => s.Ingress = new() { Hosts = [host] });

        Assert.True(PolicyValidation.Validate(policy).IsValid);
    }

    [Fact]
    public void Validate_NullListItem_ReportsIndexedPath()
    {
        var policy = Policy(s => s.Routes = [Route("a"), null!]);

        Assert.Equal("spec.routes[1]", Assert.Single(PolicyValidation.Validate(policy).Errors).Path);
    }

    [Fact]
    public void Validate_WrongKindOnObject_ReportsKind()
    {
        var policy = Policy(_ => { });
        policy.Kind = "Service";

        Assert.Equal("kind", Assert.Single(PolicyValidation.Validate(policy).Errors).Path);
    }

    [Fact]
    public void Validate_TcpWithSourceIpHashAndConnectRetries_IsValid()
    {
        var policy = Policy(s =>
        {
            s.Protocol = Protocols.Tcp;
            s.LoadBalancer = new() { Algorithm = "ConsistentHash", ConsistentHash = new() { Type = "SourceIP" } };
            s.Retry = new() { Attempts = 2, RetryOn = ["connect-failure"] };
            s.Timeouts = new() { Connect = "1s", Idle = "1h" };
        });

        var report = PolicyValidation.Validate(policy);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public void Validate_RetryOnStatusCodes_AcceptsServerErrorsAnd429And408()
    {
        var policy = Policy(s => s.Retry = new() { Attempts = 1, RetryOn = ["500", "599", "429", "408", "gateway-error", "5xx", "timeout", "reset"] });

        Assert.True(PolicyValidation.Validate(policy).IsValid);
    }

    [Fact]
    public void Validate_ResourcesWithinLimits_IsValid()
    {
        var policy = Policy(s => s.Proxy = new()
        {
            Resources = new()
            {
                Requests = new Dictionary<string, k8s.Models.ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
                Limits = new Dictionary<string, k8s.Models.ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("128Mi") },
            },
        });

        Assert.True(PolicyValidation.Validate(policy).IsValid);
    }

    [Fact]
    public void Validate_IsThreadSafe_SameResultsInParallel()
    {
        var policy = TestPolicies.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "invalid", "backend-weight-too-high.yaml")));
        var expected = PolicyValidation.Validate(policy).Errors;

        var results = Enumerable.Range(0, 32).AsParallel().Select(_ => PolicyValidation.Validate(policy).Errors).ToList();

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void FieldProblem_ToString_IsPathColonMessage()
    {
        Assert.Equal("metadata.name: is required", new FieldProblem("metadata.name", "is required").ToString());
    }
}
