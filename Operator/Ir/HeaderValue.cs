namespace Junction.Ir;

/// <summary>A header name and literal value.</summary>
/// <param name="Name">Header name.</param>
/// <param name="Value">Literal value (never interpreted as an expression).</param>
internal sealed record HeaderValue(string Name, string Value);
