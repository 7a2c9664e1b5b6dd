using System.Net;
using Junction.ApiServer.Faults;

namespace Junction.ApiServer;

/// <summary>Makes the server misbehave on purpose: failed requests, latency, dropped watches and expired watch history.</summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> rules = [];
    private readonly Func<int> dropWatches;
    private readonly Action expireHistory;
    private TimeSpan latency;

    internal FaultInjector(Func<int> dropWatches, Action expireHistory)
    {
        this.dropWatches = dropWatches;
        this.expireHistory = expireHistory;
    }

    /// <summary>
    /// Fails the next <paramref name="count"/> requests whose verb (get, list, watch, create, update, patch, delete)
    /// and resource (plural, e.g. "deployments" or "deployments/status") match; null matches any.
    /// 429 responses carry Retry-After; 409 responses are the stale-resourceVersion Conflict.
    /// </summary>
    public void FailNext(int count, HttpStatusCode status, string? verb = null, string? resource = null, TimeSpan? retryAfter = null)
    {
        lock (rules)
        {
            rules.Add(new FaultRule(verb, resource, count, (int)status, retryAfter ?? TimeSpan.FromSeconds(1)));
        }
    }

    /// <summary>Delay added before every request is answered.</summary>
    public TimeSpan Latency
    {
        get => latency;
        set => latency = value < TimeSpan.Zero ? TimeSpan.Zero : value;
    }

    /// <summary>Ends every open watch stream, as a restarted apiserver or a broken connection would; returns how many were open.</summary>
    public int DropWatches() => dropWatches();

    /// <summary>Compacts the watch history to now: a watch from any older resourceVersion gets 410 Gone (Expired).</summary>
    public void ExpireWatchHistory() => expireHistory();

    /// <summary>Removes every pending failure and the latency.</summary>
    public void Clear()
    {
        lock (rules)
        {
            rules.Clear();
        }

        latency = TimeSpan.Zero;
    }

    internal FaultRule? Take(string verb, string resource)
    {
        lock (rules)
        {
            var rule = rules.FirstOrDefault(r => r.Matches(verb, resource));
            if (rule is not null)
            {
                rule.Remaining--;
            }

            rules.RemoveAll(r => r.Remaining <= 0);
            return rule;
        }
    }
}
