namespace Junction.Ir;

/// <summary>How endpoints of one backend are chosen.</summary>
internal enum LoadBalancing
{
    /// <summary>In turn, by weight.</summary>
    RoundRobin,
    /// <summary>The endpoint with the fewest requests in flight.</summary>
    LeastRequest,
    /// <summary>At random.</summary>
    Random,
    /// <summary>A consistent hash of a request property.</summary>
    ConsistentHash,
}
