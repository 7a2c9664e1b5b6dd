namespace Junction.Ir;

/// <summary>What a rate limit counts per.</summary>
internal enum RateLimitKeyKind
{
    /// <summary>Per client IP address.</summary>
    ClientIp,
    /// <summary>Per value of a request header.</summary>
    Header,
    /// <summary>One counter for all requests.</summary>
    Global,
}
