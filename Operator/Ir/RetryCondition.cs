namespace Junction.Ir;

/// <summary>Why a request may be retried.</summary>
internal enum RetryCondition
{
    /// <summary>The connection could not be opened.</summary>
    ConnectFailure,
    /// <summary>The connection was closed or reset before a response.</summary>
    Reset,
    /// <summary>No response within the attempt's time.</summary>
    Timeout,
    /// <summary>The backend answered with a retryable status code (see <see cref="RetryRule.StatusCodes"/>).</summary>
    Status,
}
