namespace Junction.Ir;

/// <summary>One route: requests that satisfy any match go to the weighted backends.</summary>
/// <param name="Name">Route name, unique within the policy; "" for the default route.</param>
/// <param name="FieldPath">Where the route comes from in the spec, for messages.</param>
/// <param name="Matches">Any of these selects the route; empty matches everything.</param>
/// <param name="Backends">Weighted backends; weights are exact shares of requests, whatever the endpoint counts.</param>
/// <param name="Requests">Timeouts and retries of requests on this route.</param>
/// <param name="Filters">Request and response changes, in spec order.</param>
internal sealed record RouteRule(
    string Name,
    string FieldPath,
    EquatableArray<RouteMatchRule> Matches,
    EquatableArray<WeightedBackend> Backends,
    RequestPolicy Requests,
    EquatableArray<RouteFilterRule> Filters)
{
    /// <summary>True for the catch-all route to targetRef.</summary>
    public bool IsDefault => Name.Length == 0;
}
