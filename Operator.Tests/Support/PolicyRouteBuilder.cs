using System.Collections.Immutable;
using Junction.Api.V1Alpha1;

namespace Junction.Tests.Support;

/// <summary>Builds one spec.routes entry for <see cref="PolicyBuilder.Route"/>; immutable like it.</summary>
internal sealed record PolicyRouteBuilder(string Name)
{
    private ImmutableList<Action<Route>> Steps { get; init; } = [];

    /// <summary>Appends a backendRef.</summary>
    public PolicyRouteBuilder Backend(string service, int port, int? weight = null) =>
        Then(r => (r.BackendRefs ??= []).Add(new BackendRef { Name = service, Port = port, Weight = weight }));

    /// <summary>Appends a match on a path prefix.</summary>
    public PolicyRouteBuilder PathPrefix(string prefix) =>
        Then(r => (r.Matches ??= []).Add(new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = prefix } }));

    /// <summary>The route's own retry.</summary>
    public PolicyRouteBuilder Retry(int attempts, params string[] retryOn) => Then(r => r.Retry = RetryOf(attempts, retryOn));

    /// <summary>Any other change of the route.</summary>
    public PolicyRouteBuilder With(Action<Route> change) => Then(change);

    /// <summary>A new route with every step applied in order.</summary>
    public Route Build()
    {
        var route = new Route { Name = Name };
        foreach (var step in Steps)
        {
            step(route);
        }

        return route;
    }

    internal static RetryPolicy RetryOf(int attempts, string[] retryOn) =>
        new() { Attempts = attempts, RetryOn = retryOn.Length == 0 ? null : [.. retryOn] };

    private PolicyRouteBuilder Then(Action<Route> step) => this with { Steps = Steps.Add(step) };
}
