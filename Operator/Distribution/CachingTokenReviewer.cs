using System.Security.Cryptography;
using System.Text;

namespace Junction.Distribution;

/// <summary>
/// Remembers review results for at most <see cref="Ttl"/> (one minute: a revoked token keeps working
/// that long at most), keyed by the token's SHA-256 so no token is held in memory. Refusals are
/// remembered too, so a caller retrying a bad token does not load the API server. At most
/// <see cref="Capacity"/> results are kept (about 200 bytes each); past it the oldest go first.
/// Failed reviews are not remembered.
/// </summary>
internal sealed class CachingTokenReviewer(ITokenReviewer inner, TimeProvider time, int capacity = 10_000, TimeSpan? ttl = null) : ITokenReviewer
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (TokenReviewResult Result, DateTimeOffset Expires)> results = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>How long a result is reused.</summary>
    public TimeSpan Ttl { get; } = ttl is { } t && t <= TimeSpan.FromMinutes(1) ? t : TimeSpan.FromMinutes(1);

    /// <summary>Results kept at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Results kept now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return results.Count;
            }
        }
    }

    /// <inheritdoc />
    public async Task<TokenReviewResult> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (results.TryGetValue(key, out var cached) && cached.Expires > now)
            {
                return cached.Result;
            }
        }

        var result = await inner.ReviewAsync(token, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (!results.ContainsKey(key))
            {
                while (results.Count >= Capacity && order.TryDequeue(out var oldest))
                {
                    results.Remove(oldest);
                }

                order.Enqueue(key);
            }

            results[key] = (result, time.GetUtcNow() + Ttl);
        }

        return result;
    }
}
