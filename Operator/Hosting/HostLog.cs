using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>The operator process's log lines.</summary>
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Synced caches policies={Policies}")]
    public static partial void CachesSynced(ILogger logger, int policies);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped operator")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started leading lease={Namespace}/{Name} identity={Identity}")]
    public static partial void StartedLeading(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped leading lease={Namespace}/{Name} identity={Identity}")]
    public static partial void StoppedLeading(ILogger logger, string @namespace, string name, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving endpoint={Endpoint} address={Address}")]
    public static partial void Serving(ILogger logger, string endpoint, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped event policy={Namespace}/{Name} reason={Reason} error={Error}")]
    public static partial void EventDropped(ILogger logger, string @namespace, string name, string reason, string error);
}
