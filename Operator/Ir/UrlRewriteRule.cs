namespace Junction.Ir;

/// <summary>Rewrites the request before forwarding.</summary>
/// <param name="Hostname">New Host header, if any.</param>
/// <param name="Path">New path, if any.</param>
internal sealed record UrlRewriteRule(string? Hostname, PathReplacement? Path) : RouteFilterRule;
