namespace Junction.ApiServer.Tokens;

/// <summary>What a TokenReview found: <see cref="Authenticated"/> or <see cref="Unauthenticated"/>.</summary>
internal abstract record ReviewOutcome;
