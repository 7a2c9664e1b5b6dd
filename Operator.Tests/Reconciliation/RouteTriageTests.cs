using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using Junction.Validation;
using Xunit;

namespace Junction.Tests.Reconciliation;

public sealed class RouteTriageTests
{
    [Fact]
    public void DroppableRoutes_ErrorsInOneOfTwoRoutes_ReturnsThatRoute()
    {
        var report = new ValidationReport([new FieldProblem("spec.routes[1].matches[0].path.value", "must start with /")], []);

        Assert.Equal([1], RouteTriage.DroppableRoutes(report, Policy(routes: 2)));
    }

    [Fact]
    public void DroppableRoutes_ErrorOutsideRoutes_ReturnsNothing()
    {
        var report = new ValidationReport(
            [new FieldProblem("spec.routes[1].name", "is required"), new FieldProblem("spec.targetRef.port", "must be between 1 and 65535")], []);

        Assert.Empty(RouteTriage.DroppableRoutes(report, Policy(routes: 2)));
    }

    [Fact]
    public void DroppableRoutes_EveryRouteInvalid_ReturnsNothing()
    {
        var report = new ValidationReport([new FieldProblem("spec.routes[0].name", "is required")], []);

        Assert.Empty(RouteTriage.DroppableRoutes(report, Policy(routes: 1)));
    }

    [Fact]
    public void WithoutRoutes_LeavesOriginalAlone()
    {
        var policy = Policy(routes: 3);

        var copy = RouteTriage.WithoutRoutes(policy, [1]);

        Assert.Equal(["r0", "r2"], copy.Spec.Routes!.Select(r => r.Name));
        Assert.Equal(3, policy.Spec.Routes!.Count);
    }

    private static TrafficPolicy Policy(int routes) => new()
    {
        Spec = new TrafficPolicySpec { Routes = Enumerable.Range(0, routes).Select(i => new Route { Name = $"r{i}" }).ToList() },
    };
}
