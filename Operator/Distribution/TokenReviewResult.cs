namespace Junction.Distribution;

/// <summary>What a token review decided: <see cref="TokenAccepted"/> or <see cref="TokenRefused"/>.</summary>
internal abstract record TokenReviewResult;
