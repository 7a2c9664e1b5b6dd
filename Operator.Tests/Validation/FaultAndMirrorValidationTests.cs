using Junction.Api.V1Alpha1;
using Junction.Validation;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Validation;

/// <summary>FaultInjection and RequestMirror filters: every rule reports the exact field path.</summary>
public sealed class FaultAndMirrorValidationTests
{
    private static TrafficPolicy Policy(params RouteFilter[] filters) => new()
    {
        Metadata = new() { Name = "shop", NamespaceProperty = "shop" },
        Spec = new()
        {
            TargetRef = new() { Name = "checkout", Port = 8080 },
            Routes = [new Route { Name = "api", Filters = filters.ToList() }],
        },
    };

    private static RouteFilter Fault(FaultAbort? abort = null, FaultDelay? delay = null) =>
        new() { Type = FilterTypes.FaultInjection, FaultInjection = new FaultInjection { Abort = abort, Delay = delay } };

    private static RouteFilter Mirror(string name = "shadow", int port = 8080, int? percentage = null) =>
        new() { Type = FilterTypes.RequestMirror, RequestMirror = new RequestMirror { BackendRef = new ServiceReference { Name = name, Port = port }, Percentage = percentage } };

    private static List<string> Errors(TrafficPolicy policy) => PolicyValidation.Validate(policy).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void Validate_AbortAndDelayWithinRanges_IsValid()
    {
        var report = PolicyValidation.Validate(Policy(
            Fault(new FaultAbort { HttpStatus = 503, Percentage = 10 }, new FaultDelay { FixedDelay = "200ms", Percentage = 50 }),
            Mirror(percentage: 0)));

        Assert.True(report.IsValid, string.Join("; ", report.Errors));
    }

    [Theory]
    [InlineData(199, null, "spec.routes[0].filters[0].faultInjection.abort.httpStatus: must be between 200 and 599")]
    [InlineData(600, null, "spec.routes[0].filters[0].faultInjection.abort.httpStatus: must be between 200 and 599")]
    [InlineData(503, 101, "spec.routes[0].filters[0].faultInjection.abort.percentage: must be between 0 and 100")]
    [InlineData(503, -1, "spec.routes[0].filters[0].faultInjection.abort.percentage: must be between 0 and 100")]
    public void Validate_AbortOutOfRange_ReportsTheField(int status, int? percentage, string expected)
    {
        Assert.Equal(expected, Assert.Single(Errors(Policy(Fault(new FaultAbort { HttpStatus = status, Percentage = percentage })))));
    }

    [Theory]
    [InlineData("soon", "spec.routes[0].filters[0].faultInjection.delay.fixedDelay: invalid duration")]
    [InlineData("2m", "spec.routes[0].filters[0].faultInjection.delay.fixedDelay: must be at most 1m")]
    [InlineData("0s", "spec.routes[0].filters[0].faultInjection.delay.fixedDelay: must be positive")]
    public void Validate_BadDelay_ReportsTheField(string delay, string expectedStart)
    {
        var error = Assert.Single(Errors(Policy(Fault(delay: new FaultDelay { FixedDelay = delay }))));
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FaultWithNeitherAbortNorDelay_IsRejected()
    {
        Assert.Equal("spec.routes[0].filters[0].faultInjection: must set abort, delay or both", Assert.Single(Errors(Policy(Fault()))));
    }

    [Fact]
    public void Validate_TypeWithoutItsField_IsRejected()
    {
        var errors = Errors(Policy(new RouteFilter { Type = FilterTypes.RequestMirror }, new RouteFilter { Type = FilterTypes.FaultInjection, RequestMirror = new RequestMirror { BackendRef = new() { Name = "x", Port = 1 } } }));

        Assert.Contains("spec.routes[0].filters[0].requestMirror: is required when type is RequestMirror", errors);
        Assert.Contains("spec.routes[0].filters[1].faultInjection: is required when type is FaultInjection", errors);
        Assert.Contains("spec.routes[0].filters[1].requestMirror: must not be set when type is FaultInjection", errors);
    }

    [Theory]
    [InlineData(101, 8080, "Shadow", "spec.routes[0].filters[0].requestMirror.percentage: must be between 0 and 100")]
    [InlineData(50, 0, "shadow", "spec.routes[0].filters[0].requestMirror.backendRef.port: must be between 1 and 65535")]
    public void Validate_BadMirror_ReportsTheField(int percentage, int port, string name, string expected)
    {
        Assert.Contains(expected, Errors(Policy(Mirror(name, port, percentage))));
    }

    [Fact]
    public void Validate_TwoMirrorsOrTwoFaultsOnOneRoute_IsRejected()
    {
        var errors = Errors(Policy(Mirror(), Mirror("other"), Fault(new FaultAbort { HttpStatus = 500 }), Fault(new FaultAbort { HttpStatus = 502 })));

        Assert.Contains("spec.routes[0].filters[1].type: only one RequestMirror filter is allowed per route (also filters[0])", errors);
        Assert.Contains("spec.routes[0].filters[3].type: only one FaultInjection filter is allowed per route (also filters[2])", errors);
    }

    [Fact]
    public void ServiceReferences_MirrorToUnknownServiceOrPort_ReportsTheBackendRef()
    {
        var services = new List<V1Service>
        {
            new() { Metadata = new() { Name = "checkout", NamespaceProperty = "shop" }, Spec = new() { Ports = [new V1ServicePort { Port = 8080 }] } },
            new() { Metadata = new() { Name = "shadow", NamespaceProperty = "shop" }, Spec = new() { Ports = [new V1ServicePort { Port = 80 }] } },
        };

        var problems = ServiceReferences.Check(Policy(Mirror("shadow", 8080)), services).Select(p => p.ToString()).ToList();
        var missing = ServiceReferences.Check(Policy(Mirror("ghost", 80)), services).Select(p => p.ToString()).ToList();

        Assert.Equal("spec.routes[0].filters[0].requestMirror.backendRef.port: Service \"shadow\" has no port 8080 (its ports: 80)", Assert.Single(problems));
        Assert.Equal("spec.routes[0].filters[0].requestMirror.backendRef.name: Service \"ghost\" is not among the Services given for namespace \"shop\"", Assert.Single(missing));
    }
}
