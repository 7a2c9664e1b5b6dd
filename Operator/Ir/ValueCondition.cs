namespace Junction.Ir;

/// <summary>A condition on a named request header or query parameter.</summary>
/// <param name="Name">The header or parameter name.</param>
/// <param name="IsRegex">True when <paramref name="Value"/> is a regular expression.</param>
/// <param name="Value">The exact value or the expression.</param>
internal sealed record ValueCondition(string Name, bool IsRegex, string Value);
