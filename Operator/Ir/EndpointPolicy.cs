namespace Junction.Ir;

/// <summary>How the endpoints of every backend of a policy are balanced, limited and checked.</summary>
/// <param name="Algorithm">Endpoint selection.</param>
/// <param name="HashKey">Hash input for ConsistentHash.</param>
/// <param name="MaxConnections">Most concurrent requests per endpoint, if limited.</param>
/// <param name="MaxPendingRequests">Most requests waiting for a slot before 503, if limited.</param>
/// <param name="HealthCheck">Active checks, if any.</param>
/// <param name="Outlier">Passive ejection, if any.</param>
/// <param name="EndpointSlots">Server slots per backend: the most endpoints one backend can use.</param>
internal sealed record EndpointPolicy(
    LoadBalancing Algorithm,
    HashKey? HashKey,
    int? MaxConnections,
    int? MaxPendingRequests,
    ActiveHealthCheck? HealthCheck,
    OutlierEjection? Outlier,
    int EndpointSlots);
