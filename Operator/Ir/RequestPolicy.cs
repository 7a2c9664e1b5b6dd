namespace Junction.Ir;

/// <summary>Per-route request handling towards backends.</summary>
/// <param name="Connect">Time allowed to open a backend connection.</param>
/// <param name="Server">Time allowed for one attempt (perTryTimeout, else backendRequest, else request), never more than <paramref name="Request"/>.</param>
/// <param name="Queue">Time a request may wait for a free connection slot.</param>
/// <param name="Retry">Retry rule.</param>
/// <param name="Request">Time allowed for the whole request, every attempt included.</param>
/// <param name="Idle">Time an upgraded stream (WebSocket) or TCP stream of the route may stay idle.</param>
internal sealed record RequestPolicy(TimeSpan Connect, TimeSpan Server, TimeSpan Queue, RetryRule Retry, TimeSpan Request, TimeSpan Idle)
{
    /// <summary>True when a failed response (not only a failed connection) may be tried again.</summary>
    public bool RetriesResponses => Retry.Attempts > 0 && Retry.Conditions.Any(c => c != RetryCondition.ConnectFailure);

    /// <summary>
    /// True when the attempts may together outlast <see cref="Request"/>: HAProxy's server timeout
    /// restarts with every attempt, so such a backend needs a deadline in front of its attempts.
    /// </summary>
    public bool NeedsDeadline => RetriesResponses && Server * (Retry.Attempts + 1) > Request;
}
