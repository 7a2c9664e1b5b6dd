namespace Junction.Distribution;

/// <summary>
/// A token bucket per caller (ServiceAccount and pod): <see cref="Rate"/> requests a second with bursts
/// of <see cref="Burst"/>. An agent needs about one request every 12 s (a poll every 25 s, a status
/// every 30 s, an identity every 12 h), so the default leaves ample room for retries. At most
/// <see cref="Capacity"/> callers are tracked (about 150 bytes each); when full, callers whose
/// bucket has refilled are forgotten (they would start full anyway), and if none has, a new caller is refused.
/// </summary>
internal sealed class IdentityRateLimiter(TimeProvider time, double rate = 5, double burst = 20, int capacity = 100_000)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Requests a second per caller.</summary>
    public double Rate { get; } = rate > 0 ? rate : throw new ArgumentOutOfRangeException(nameof(rate));

    /// <summary>Requests a caller may make at once.</summary>
    public double Burst { get; } = burst >= 1 ? burst : throw new ArgumentOutOfRangeException(nameof(burst));

    /// <summary>Callers tracked at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Takes one token for <paramref name="caller"/>; when there is none, says how long until there is.</summary>
    public bool TryAcquire(string caller, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetTimestamp();
        lock (gate)
        {
            if (!buckets.TryGetValue(caller, out var bucket))
            {
                if (buckets.Count >= Capacity)
                {
                    ForgetFull(now);
                }

                if (buckets.Count >= Capacity)
                {
                    retryAfter = TimeSpan.FromSeconds(1 / Rate);
                    return false;
                }

                bucket = new Bucket { Tokens = Burst, Stamp = now };
                buckets[caller] = bucket;
            }

            Refill(bucket, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / Rate);
            return false;
        }
    }

    private void Refill(Bucket bucket, long now)
    {
        var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
        bucket.Tokens = Math.Min(Burst, bucket.Tokens + (elapsed * Rate));
        bucket.Stamp = now;
    }

    private void ForgetFull(long now)
    {
        foreach (var (caller, bucket) in buckets.ToList())
        {
            Refill(bucket, now);
            if (bucket.Tokens >= Burst)
            {
                buckets.Remove(caller);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Stamp { get; set; }
    }
}
