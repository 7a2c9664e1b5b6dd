namespace Junction.Distribution;

/// <summary>The token is not valid (expired, revoked, another audience, unknown).</summary>
/// <param name="Reason">Why, as the API server said it; safe to return to the caller.</param>
internal sealed record TokenRefused(string Reason) : TokenReviewResult;
