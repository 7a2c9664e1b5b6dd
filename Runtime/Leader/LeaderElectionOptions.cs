namespace Junction.Runtime.Leader;

/// <summary>Leader election on a <c>coordination.k8s.io/v1</c> Lease, with client-go's defaults.</summary>
public sealed class LeaderElectionOptions
{
    /// <summary>The Lease's name.</summary>
    public required string LeaseName { get; init; }

    /// <summary>The Lease's namespace, usually the operator's own.</summary>
    public required string LeaseNamespace { get; init; }

    /// <summary>This replica's identity, written as <c>holderIdentity</c>; unique per process by default.</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid()}";

    /// <summary>How long non-leaders wait, from when they last saw the Lease change, before taking it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a renewal before it steps down.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Acquire attempts wait <c>RetryPeriod * (1 + random * JitterFactor)</c> (client-go: 1.2).</summary>
    public double JitterFactor { get; init; } = 1.2;

    /// <summary>On a graceful stop, clear the holder so that the next replica takes over without waiting for expiry.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    internal void Validate()
    {
        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"LeaseDuration ({LeaseDuration}) must be greater than RenewDeadline ({RenewDeadline}).");
        }
        if (RenewDeadline <= RetryPeriod * 1.2)
        {
            throw new ArgumentException($"RenewDeadline ({RenewDeadline}) must be greater than RetryPeriod * 1.2 ({RetryPeriod * 1.2}).");
        }
        if (string.IsNullOrEmpty(Identity))
        {
            throw new ArgumentException("Identity must not be empty.");
        }
    }
}
