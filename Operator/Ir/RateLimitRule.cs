namespace Junction.Ir;

/// <summary>A per-proxy request rate limit; requests beyond it get 429.</summary>
/// <param name="RequestsPerSecond">Sustained rate, enforced over a 10 second window.</param>
/// <param name="Burst">Most requests in any one second.</param>
/// <param name="Key">What is counted per.</param>
/// <param name="HeaderName">The header for <see cref="RateLimitKeyKind.Header"/>; empty otherwise.</param>
internal sealed record RateLimitRule(int RequestsPerSecond, int Burst, RateLimitKeyKind Key, string HeaderName);
