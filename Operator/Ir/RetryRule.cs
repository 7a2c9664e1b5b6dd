namespace Junction.Ir;

/// <summary>When and how often a failed attempt is repeated.</summary>
/// <param name="Attempts">Retries after the first attempt; 0 disables.</param>
/// <param name="Conditions">What counts as failed, in a fixed order.</param>
/// <param name="StatusCodes">Status codes that count as failed, ascending.</param>
/// <param name="RetryNonIdempotent">Also replay POST and PATCH.</param>
internal sealed record RetryRule(
    int Attempts,
    EquatableArray<RetryCondition> Conditions,
    EquatableArray<int> StatusCodes,
    bool RetryNonIdempotent);
