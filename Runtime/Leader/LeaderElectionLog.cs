using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Leader;

internal static partial class LeaderElectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Attempting to acquire leader lease lease={Lease} identity={Identity}")]
    public static partial void Attempting(ILogger logger, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Successfully acquired lease lease={Lease} identity={Identity}")]
    public static partial void Acquired(ILogger logger, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "New leader elected lease={Lease} leader={Leader}")]
    public static partial void NewLeader(ILogger logger, string lease, string leader);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to renew lease within the renew deadline, stepping down lease={Lease} identity={Identity} renewDeadline={RenewDeadline}")]
    public static partial void Lost(ILogger logger, string lease, string identity, TimeSpan renewDeadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released leader lease lease={Lease} identity={Identity}")]
    public static partial void Released(ILogger logger, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to acquire or renew lease lease={Lease} identity={Identity}")]
    public static partial void AttemptFailed(ILogger logger, Exception error, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to release lease lease={Lease} identity={Identity}")]
    public static partial void ReleaseFailed(ILogger logger, Exception error, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Leader work failed lease={Lease} identity={Identity}")]
    public static partial void LeadingFailed(ILogger logger, Exception error, string lease, string identity);
}
