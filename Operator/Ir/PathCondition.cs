namespace Junction.Ir;

/// <summary>A condition on the request path. Prefix values carry no trailing slash (except "/").</summary>
/// <param name="Kind">Exact, Prefix or RegularExpression.</param>
/// <param name="Value">The path or the expression.</param>
internal sealed record PathCondition(PathMatchKind Kind, string Value);
