namespace Junction.Agent.Api;

/// <summary>The operator could not be reached or refused the call; the agent retries with backoff.</summary>
internal sealed class OperatorUnavailableException : Exception
{
    /// <summary>A failure with the wait the operator asked for (429 Retry-After), if any.</summary>
    public OperatorUnavailableException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The operator's Retry-After.</summary>
    public TimeSpan? RetryAfter { get; }
}
