using Junction.Runtime.Leader;

namespace Junction.Runtime.Hosting;

/// <summary>How the <see cref="Manager"/> runs.</summary>
public sealed class ManagerOptions
{
    /// <summary>Metrics and probe addresses.</summary>
    public EndpointOptions Endpoints { get; init; } = new();

    /// <summary>Leader election; null runs the controllers without it (a single replica).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }
}
