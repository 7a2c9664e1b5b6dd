namespace Junction.Ir;

/// <summary>A change to requests or responses on a route.</summary>
internal abstract record RouteFilterRule;
