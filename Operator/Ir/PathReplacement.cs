namespace Junction.Ir;

/// <summary>
/// A new path: the whole path, or only the matched prefix. For a prefix replacement the route's
/// PathPrefix values are carried so the proxy can replace exactly the prefix that matched.
/// </summary>
/// <param name="ReplaceFullPath">The new path, or null for a prefix replacement.</param>
/// <param name="ReplacePrefix">What the matched prefix becomes, or null for a full replacement.</param>
/// <param name="MatchedPrefixes">The route's PathPrefix values, for a prefix replacement.</param>
internal sealed record PathReplacement(string? ReplaceFullPath, string? ReplacePrefix, EquatableArray<string> MatchedPrefixes);
