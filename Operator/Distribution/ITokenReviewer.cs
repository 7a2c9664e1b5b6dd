namespace Junction.Distribution;

/// <summary>Checks a proxy's ServiceAccount token.</summary>
internal interface ITokenReviewer
{
    /// <summary>Reviews <paramref name="token"/> for audience <c>junction</c>.</summary>
    /// <exception cref="TokenReviewUnavailableException">The review could not be made (the API server did not answer).</exception>
    Task<TokenReviewResult> ReviewAsync(string token, CancellationToken cancellationToken);
}
