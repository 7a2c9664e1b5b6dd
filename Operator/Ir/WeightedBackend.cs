namespace Junction.Ir;

/// <summary>A backend of a route and its share of the route's requests.</summary>
/// <param name="Target">The Service port and how its endpoints are found.</param>
/// <param name="Weight">Relative share, 0 to 1000.</param>
/// <param name="FieldPath">Where the reference comes from in the spec, for messages.</param>
internal sealed record WeightedBackend(BackendTarget Target, int Weight, string FieldPath);
