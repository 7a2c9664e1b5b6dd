namespace Junction.Ir;

/// <summary>Header changes, applied in the order remove, set, add.</summary>
/// <param name="Direction">Request or response.</param>
/// <param name="Remove">Names to remove.</param>
/// <param name="Set">Headers to replace.</param>
/// <param name="Add">Headers to append.</param>
internal sealed record HeaderChange(
    HeaderDirection Direction,
    EquatableArray<string> Remove,
    EquatableArray<HeaderValue> Set,
    EquatableArray<HeaderValue> Add) : RouteFilterRule;
