using Junction.Distribution;

namespace Junction.Tests.Distribution;

/// <summary>Tokens known by value: each maps to a caller; anything else is refused. Counts reviews.</summary>
internal sealed class FakeTokenReviewer : ITokenReviewer
{
    private readonly Dictionary<string, ProxyCaller> tokens = new(StringComparer.Ordinal);
    private int reviews;

    public int Reviews => Volatile.Read(ref reviews);

    public bool Unavailable { get; set; }

    public FakeTokenReviewer Add(string token, string ns, string serviceAccount, string? pod = null)
    {
        tokens[token] = ProxyCaller.From($"system:serviceaccount:{ns}:{serviceAccount}", pod);
        return this;
    }

    public FakeTokenReviewer AddUser(string token, string username)
    {
        tokens[token] = ProxyCaller.From(username, null);
        return this;
    }

    public Task<TokenReviewResult> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reviews);
        if (Unavailable)
        {
            throw new TokenReviewUnavailableException("the API server is down");
        }

        return Task.FromResult<TokenReviewResult>(tokens.TryGetValue(token, out var caller)
            ? new TokenAccepted(caller)
            : new TokenRefused("token not found"));
    }
}
