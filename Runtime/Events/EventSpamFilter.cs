namespace Junction.Runtime.Events;

/// <summary>
/// client-go's <c>EventSourceObjectSpamFilter</c>: a token bucket per source, object and type. An object
/// may have <see cref="EventRecorderOptions.SpamBurst"/> Events at once, then one per
/// <see cref="EventRecorderOptions.SpamRefillInterval"/>; the rest are dropped, repeats included, so a
/// reconcile loop gone wrong cannot flood the API server with Events. Not thread-safe.
/// </summary>
internal sealed class EventSpamFilter(EventRecorderOptions options)
{
    private readonly LruCache<string, Bucket> buckets = new(options.CacheSize);

    /// <summary>Takes a token for <paramref name="key"/>; false means the Event is dropped.</summary>
    public bool Allow(string key, DateTimeOffset now)
    {
        var bucket = buckets.TryGet(key, out var held) ? Refilled(held, now) : new Bucket(options.SpamBurst, now);
        if (bucket.Tokens < 1)
        {
            buckets.Set(key, bucket);
            return false;
        }

        buckets.Set(key, bucket with { Tokens = bucket.Tokens - 1 });
        return true;
    }

    private Bucket Refilled(Bucket bucket, DateTimeOffset now)
    {
        var earned = (now - bucket.Refilled) / options.SpamRefillInterval;
        return earned <= 0 ? bucket : new Bucket(Math.Min(options.SpamBurst, bucket.Tokens + earned), now);
    }

    private sealed record Bucket(double Tokens, DateTimeOffset Refilled);
}
