namespace Junction.Ir;

/// <summary>Per-route request handling towards backends.</summary>
/// <param name="Connect">Time allowed to open a backend connection.</param>
/// <param name="Server">Time allowed for one attempt (perTryTimeout, else backendRequest, else request).</param>
/// <param name="Queue">Time a request may wait for a free connection slot.</param>
/// <param name="Retry">Retry rule.</param>
internal sealed record RequestPolicy(TimeSpan Connect, TimeSpan Server, TimeSpan Queue, RetryRule Retry);
