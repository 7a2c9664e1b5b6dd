namespace Junction.Distribution;

/// <summary>The token is valid for audience <c>junction</c> and belongs to <paramref name="Caller"/>.</summary>
/// <param name="Caller">Whose token it is.</param>
internal sealed record TokenAccepted(ProxyCaller Caller) : TokenReviewResult;
