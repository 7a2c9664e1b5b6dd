namespace Junction.Distribution;

/// <summary>A token could not be reviewed now; the caller should retry (503), not be told its token is bad.</summary>
internal sealed class TokenReviewUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenReviewUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TokenReviewUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TokenReviewUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
