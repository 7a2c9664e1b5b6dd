namespace Junction.Ir;

/// <summary>A path of an authorization rule: "/api/*" is the prefix "/api/", anything else is exact.</summary>
/// <param name="Value">The exact path, or the prefix without its '*'.</param>
/// <param name="IsPrefix">True when the written path ended in '*'.</param>
internal sealed record AccessPath(string Value, bool IsPrefix);
