namespace Junction.Runtime.Hosting;

/// <summary>This replica lost its Lease; like controller-runtime, the process should exit and restart as a follower.</summary>
public sealed class LeaderElectionLostException : Exception
{
    /// <inheritdoc />
    public LeaderElectionLostException()
        : base("Leader election lost.")
    {
    }

    /// <inheritdoc />
    public LeaderElectionLostException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public LeaderElectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
