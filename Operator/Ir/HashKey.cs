namespace Junction.Ir;

/// <summary>The property a consistent hash is computed on.</summary>
/// <param name="Kind">Header, Cookie or SourceIp.</param>
/// <param name="Name">The header or cookie name; empty for SourceIp.</param>
internal sealed record HashKey(HashKeyKind Kind, string Name);
