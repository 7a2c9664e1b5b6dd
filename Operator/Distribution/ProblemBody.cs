namespace Junction.Distribution;

/// <summary>The JSON body of every refusal (400, 401, 403, 429, 503).</summary>
/// <param name="Error">A short CamelCase reason: Unauthorized, Forbidden, TooManyRequests, BadRequest, Unavailable.</param>
/// <param name="Message">What was refused and why, naming the proxy, identity or field.</param>
internal sealed record ProblemBody(string Error, string Message);
