namespace Junction.Ir;

/// <summary>Answers with a redirect instead of forwarding; null fields keep the request's value.</summary>
/// <param name="Scheme">http or https.</param>
/// <param name="Hostname">New host.</param>
/// <param name="Port">New port.</param>
/// <param name="Path">New path.</param>
/// <param name="StatusCode">301, 302, 303, 307 or 308.</param>
internal sealed record RedirectRule(string? Scheme, string? Hostname, int? Port, PathReplacement? Path, int StatusCode) : RouteFilterRule;
