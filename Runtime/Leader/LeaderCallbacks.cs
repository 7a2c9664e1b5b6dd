namespace Junction.Runtime.Leader;

/// <summary>What to do when leadership changes (client-go <c>LeaderCallbacks</c>).</summary>
public sealed class LeaderCallbacks
{
    /// <summary>
    /// Runs while this replica leads. Its token is cancelled when leadership is lost or the
    /// elector is stopped; on a graceful stop the Lease is kept (and renewed) until this task ends.
    /// </summary>
    public Func<CancellationToken, Task> OnStartedLeading { get; init; } = _ => Task.CompletedTask;

    /// <summary>Called once leadership ends, for any reason.</summary>
    public Action OnStoppedLeading { get; init; } = () => { };

    /// <summary>Called when a different holder is observed, this replica included.</summary>
    public Action<string> OnNewLeader { get; init; } = _ => { };
}
